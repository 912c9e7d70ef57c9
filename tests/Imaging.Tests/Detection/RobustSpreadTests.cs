using MedicalImaging.Imaging.Detection;

namespace MedicalImaging.Imaging.Tests.Detection;

/// <summary>The selection-based MAD gives what sorting gives.</summary>
public sealed class RobustSpreadTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(999)]
    [InlineData(1000)]
    public void Sigma_RandomSamplesWithTies_EqualsSortedMedianAbsoluteDeviation(int count)
    {
        var random = new Random(count);
        var values = Enumerable.Range(0, count).Select(_ => (float)Math.Round(random.NextDouble() * 20, 1)).ToArray();
        var sorted = values.Order().ToArray();
        var median = sorted[count / 2];
        var deviations = values.Select(v => Math.Abs(v - median)).Order().ToArray();

        var sigma = RobustSpread.Sigma(values.ToArray());

        Assert.Equal(1.4826 * deviations[count / 2], sigma, 6);
    }

    [Fact]
    public void Select_EveryRank_IsTheSortedValue()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 101).Select(_ => (float)random.Next(10)).ToArray();
        var sorted = values.Order().ToArray();

        for (var k = 0; k < values.Length; k++)
        {
            Assert.Equal(sorted[k], RobustSpread.Select(values.ToArray(), k));
        }
    }

    [Fact]
    public void Sigma_Empty_IsZero() => Assert.Equal(0, RobustSpread.Sigma([]));
}
