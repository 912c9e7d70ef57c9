using MedicalImaging.Imaging;
using MedicalImaging.Imaging.Phantoms;
using MedicalImaging.Server.Providers.Local;

namespace MedicalImaging.Server.Tests.Export;

/// <summary>
/// The phantom study on a small fixed set of the report seed (counts, not timings): phantoms are reproducible from
/// their seed, the local focal detector finds (box holds the centre, IoU ≥ 0.2) nearly every 3–6 σ lesion it has never
/// seen and raises no focal finding on lesion-free chest or CT phantoms. The full study (200 lesion images per class)
/// is in docs/BENCHMARKS.md.
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
    public void Run_ReportSeedPhantoms_FindsLesionsWithoutFalsePositives(string kind)
    {
        var score = FocalDetectorStudy.Run(kind, seed: 2, count: 12, maxDegreeOfParallelism: 2);

        Assert.Equal(12, score.LesionImages);
        Assert.Equal(6, score.CleanImages);
        Assert.InRange(score.Found, 11, 12); // sensitivity floor ~90 % (the full study finds all)
        Assert.Equal(0, score.FalsePositives); // FP ceiling: none on this set
    }

    [Fact]
    public void Matches_OffsetOrOversizedBox_NotFound()
    {
        var truth = new NormalizedBox(0.4, 0.4, 0.1, 0.1);

        Assert.True(FocalDetectorStudy.Matches(new NormalizedBox(0.42, 0.41, 0.1, 0.1), truth));
        Assert.False(FocalDetectorStudy.Matches(new NormalizedBox(0.46, 0.46, 0.03, 0.03), truth)); // beside the centre
        Assert.False(FocalDetectorStudy.Matches(new NormalizedBox(0.1, 0.1, 0.8, 0.8), truth)); // holds it, but IoU 0.016
    }
}
