using MedicalImaging.Imaging.Analysis;
using MedicalImaging.Imaging.Preprocessing;
using MedicalImaging.Imaging.Tests.Phantoms;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Tests.Analysis;

public sealed class QualityFlagTests
{
    [Fact]
    public void Analyze_CleanPhantom_RaisesNoQualityFlag()
    {
        var analysis = Analyze(Grey(Phantom()));

        Assert.Empty(analysis.QualityFlags);
    }

    [Fact]
    public void Analyze_HeavyNoise_RaisesNoiseFlagAndSaysSo()
    {
        using var image = Phantom();
        using var noise = new Mat(image.Size(), MatType.CV_32FC1);
        new RNG(3).Fill(noise, DistributionType.Normal, Scalar.All(0), Scalar.All(25));
        Cv2.Add(image, noise, image);

        var analysis = Analyze(Grey(image));

        Assert.Contains("noise", analysis.QualityFlags);
        Assert.Contains(analysis.Findings, f => f.Description.StartsWith("Image quality: high noise", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_HorizontalMotionSmear_RaisesMotionBlurFlag()
    {
        using var image = Phantom();
        using var kernel = new Mat(1, 41, MatType.CV_32FC1, Scalar.All(1.0 / 41));
        Cv2.Filter2D(image, image, -1, kernel);

        var analysis = Analyze(Grey(image));

        Assert.Contains("motion_blur", analysis.QualityFlags);
    }

    [Fact]
    public void Analyze_SaturatedArea_RaisesClippingFlag()
    {
        using var image = Phantom();
        Cv2.Rectangle(image, new Rect(10, 10, 60, 60), Scalar.All(255), -1);

        var analysis = Analyze(Grey(image));

        Assert.Contains("clipping", analysis.QualityFlags);
        Assert.True(analysis.Measurements["clipped_fraction"] > 0.01);
    }

    [Fact]
    public void Analyze_NarrowIntensityRange_RaisesLowContrastFlag()
    {
        using var image = Phantom();
        image.ConvertTo(image, MatType.CV_32FC1, 0.1, 100);

        var analysis = Analyze(Grey(image));

        Assert.Contains("low_contrast", analysis.QualityFlags);
    }

    /// <summary>An 8-bit-range textured phantom (ellipses and bars) without noise.</summary>
    private static Mat Phantom()
    {
        var image = ChestPhantom.Create(320, lesion: true);
        for (var i = 0; i < 8; i++)
        {
            Cv2.Rectangle(image, new Rect(40 + (i * 30), 250, 12, 40), Scalar.All(40 + (i * 20)), -1);
            Cv2.Rectangle(image, new Rect(250, 40 + (i * 25), 40, 10), Scalar.All(200 - (i * 15)), -1);
        }

        return image;
    }

    private static DecodedImage Grey(Mat image)
    {
        using var clamped = new Mat();
        image.ConvertTo(clamped, MatType.CV_8UC1);
        clamped.ConvertTo(clamped, MatType.CV_32FC1);
        clamped.GetArray(out float[] pixels);
        return new DecodedImage
        {
            Width = image.Width, Height = image.Height, Channels = 1, Pixels = pixels,
            Metadata = new ImageMetadata { Modality = "OT", SourceFormat = "png", BitsStored = 8 },
        };
    }

    private static QuantitativeAnalysis Analyze(DecodedImage image) =>
        new QuantitativeAnalyzer().Analyze(image, new ModalityPreprocessor().Preprocess(image, new PreprocessOptions()));
}
