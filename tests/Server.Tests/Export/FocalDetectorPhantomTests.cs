using MedicalImaging.Imaging.Phantoms;
using MedicalImaging.Server.Providers.Local;

namespace MedicalImaging.Server.Tests.Export;

/// <summary>
/// The phantom study on a small fixed set (counts, not timings): phantoms are reproducible from their seed, and the
/// local focal detector raises no focal finding on lesion-free chest or CT phantoms. Its sensitivity on the generated
/// lesions (3–6× σ) is published in docs/BENCHMARKS.md; see there for why no sensitivity floor is held yet.
/// </summary>
public sealed class FocalDetectorPhantomTests
{
    [Fact]
    public void Create_SameSeedAndIndex_SameImageAndLesion()
    {
        var a = LesionPhantoms.Create("chest", 7, 3, lesion: true);
        var b = LesionPhantoms.Create("chest", 7, 3, lesion: true);

        Assert.Equal(a.Lesion, b.Lesion);
        Assert.Equal(a.Image.Pixels, b.Image.Pixels);
        Assert.InRange(a.Image.Width, 256, 3000);
        Assert.InRange(a.Lesion!.Value.Width * a.Image.Width / 2, 0.01 * a.Image.Width - 1, 0.06 * a.Image.Width + 1);
    }

    [Theory]
    [InlineData("chest")]
    [InlineData("ct")]
    public void Run_LesionFreePhantoms_NoFalsePositives(string kind)
    {
        var score = FocalDetectorStudy.Run(kind, seed: 2, count: 8);

        Assert.Equal(4, score.CleanImages);
        Assert.Equal(0, score.FalsePositives);
    }
}
