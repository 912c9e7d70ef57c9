using MedicalImaging.Server.Providers.Fitting;
using MedicalImaging.Server.Providers.Profiles;
using OpenCvSharp;

namespace MedicalImaging.Server.Tests.Unit;

/// <summary>Fitting outbound images to a provider's budget, with real OpenCV encoding.</summary>
public sealed class ImageFitterTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>A PNG of random noise: it does not compress, so its size is about width x height bytes.</summary>
    internal static byte[] NoisePng(int width, int height, int seed)
    {
        var pixels = new byte[width * height];
        new Random(seed).NextBytes(pixels);
        using var mat = Mat.FromPixelData(height, width, MatType.CV_8UC1, pixels);
        return mat.ImEncode(".png");
    }

    private static ProviderProfile Groq => ProviderProfileSet.Shipped()["groq"];

    [Fact]
    public void Fit_SmallImage_SentAsTheSamePngBytes()
    {
        var png = TestImagesAccess.Phantom(256);
        var fitted = ImageFitter.Fit([png], Groq, 20_000);

        var image = Assert.Single(fitted.Images);
        Assert.Equal("image/png", image.MediaType);
        Assert.Equal(png, image.Bytes.ToArray());
        Assert.Equal(0, fitted.Dropped);
    }

    [Fact]
    public void Fit_SevenLargeImagesForGroq_FiveSentWithinFourMegabytesAsJpeg()
    {
        var pngs = Enumerable.Range(0, 7).Select(i => (ReadOnlyMemory<byte>)NoisePng(1024, 1024, i)).ToList();
        var originals = pngs.Select(p => p.ToArray()).ToList();
        const long text = 30_000;

        var fitted = ImageFitter.Fit(pngs, Groq, text);

        output.WriteLine($"in: {pngs.Sum(p => p.Length)} B of PNG; out: {string.Join(", ", fitted.Images.Select(i => $"{i.Width}x{i.Height} {i.MediaType} {i.Bytes.Length} B"))}; body {text + fitted.Images.Sum(ImageFitter.BodyBytes)} B");
        Assert.Equal(5, fitted.Images.Count);
        Assert.Equal(2, fitted.Dropped);
        Assert.True(text + fitted.Images.Sum(ImageFitter.BodyBytes) <= Groq.MaxRequestBytes);
        Assert.All(fitted.Images, i => Assert.Equal("image/jpeg", i.MediaType));
        Assert.All(fitted.Images, i => Assert.True(i.Width >= ImageFitter.MinimumSide && (long)i.Width * i.Height <= Groq.MaxImagePixels));
        // The outbound copies given to the fitter are not changed.
        Assert.Equal(originals, pngs.Select(p => p.ToArray()).ToList());
    }

    [Fact]
    public void Fit_ImageOverThePixelLimit_ScaledUnderIt()
    {
        var profile = Groq with { MaxImagePixels = 500_000 };
        var fitted = ImageFitter.Fit([TestImagesAccess.Phantom(1024)], profile, 10_000);

        var image = Assert.Single(fitted.Images);
        Assert.True((long)image.Width * image.Height <= 500_000, $"{image.Width}x{image.Height}");
        Assert.True(image.Width >= 700);
    }

    [Fact]
    public void Fit_PreferredJpeg_AlwaysJpegAtTheProfileQuality()
    {
        var fitted = ImageFitter.Fit([TestImagesAccess.Phantom(512)], Groq with { PreferredEncoding = "jpeg" }, 10_000);
        var image = Assert.Single(fitted.Images);
        Assert.Equal("image/jpeg", image.MediaType);
        Assert.Equal((512, 512), (image.Width, image.Height));
    }

    [Fact]
    public void Fit_BudgetTooSmallForAnyImage_NoneSent()
    {
        var fitted = ImageFitter.Fit([NoisePng(512, 512, 1)], Groq with { MaxRequestBytes = 300_000 }, 290_000);
        Assert.Empty(fitted.Images);
        Assert.Equal(1, fitted.Dropped);
    }
}

/// <summary>The shared synthetic images.</summary>
internal static class TestImagesAccess
{
    public static byte[] Phantom(int size) => MedicalImaging.Tests.Support.TestImages.ChestPhantomPng(size);
}
