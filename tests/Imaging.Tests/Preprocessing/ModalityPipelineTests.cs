using MedicalImaging.Imaging.Analysis;
using MedicalImaging.Imaging.Preprocessing;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Tests.Preprocessing;

public sealed class ModalityPipelineTests
{
    private readonly ModalityPreprocessor _preprocessor = new();

    [Fact]
    public void Preprocess_UltrasoundWithUiFrame_BlanksTextAndCropsToSector()
    {
        using var frame = new Mat(480, 640, MatType.CV_32FC1, Scalar.All(0));
        // The sector: a fan from the top centre, speckled tissue inside.
        Cv2.Ellipse(frame, new Point(320, 60), new Size(360, 360), 0, 55, 125, Scalar.All(120), -1);
        using var speckle = new Mat(480, 640, MatType.CV_32FC1);
        new RNG(5).Fill(speckle, DistributionType.Uniform, Scalar.All(-40), Scalar.All(40));
        using var inside = new Mat();
        Cv2.Threshold(frame, inside, 1, 1, ThresholdTypes.Binary);
        Cv2.Multiply(speckle, inside, speckle);
        Cv2.Add(frame, speckle, frame);
        // UI: text and a logo in the corners.
        Cv2.PutText(frame, "GE 5.0MHz 12cm", new Point(8, 24), HersheyFonts.HersheySimplex, 0.7, Scalar.All(255), 2);
        Cv2.Rectangle(frame, new Rect(560, 420, 60, 40), Scalar.All(200), -1);
        frame.GetArray(out float[] pixels);
        var image = new DecodedImage
        {
            Width = 640, Height = 480, Channels = 1, Pixels = pixels,
            Metadata = new ImageMetadata { Modality = "US", BitsStored = 8 },
        };

        var result = _preprocessor.Preprocess(image, new PreprocessOptions());

        Assert.StartsWith("sector", result.Parameters["ui_frame"]);
        Assert.Equal("0 of 1 (0-based)", result.Parameters["frame"]);
        Assert.Equal("median 5x5", result.Parameters["speckle"]);
        Assert.True(result.Width < 640 && result.Height < 480, $"{result.Width}x{result.Height}");
        using var grey = Mat.FromPixelData(result.Height, result.Width, MatType.CV_8UC1, result.Grey8);
        using var topLeft = new Mat(grey, new Rect(0, 0, 20, 10));
        Assert.Equal(0, Cv2.CountNonZero(topLeft));
        Assert.True(Cv2.Mean(grey).Val0 > 30);
    }

    [Fact]
    public void Preprocess_PetWithDoseMetadata_UsesSuvAndAnalysisReportsSuvMax()
    {
        // 70 kg, 370 MBq, F-18 (6586 s), scanned one half-life later: SUV = C × 70000 / 185e6.
        var factor = 70000 / 185e6;
        var pixels = new float[64 * 64];
        Array.Fill(pixels, (float)(1.0 / factor));
        pixels[(32 * 64) + 32] = (float)(8.0 / factor);
        var image = new DecodedImage
        {
            Width = 64, Height = 64, Channels = 1, Pixels = pixels,
            Metadata = new ImageMetadata
            {
                Modality = "PT", BitsStored = 16, PetUnits = "BQML", PatientWeightKg = 70, RadionuclideTotalDoseBq = 370e6,
                RadionuclideHalfLifeSeconds = 6586, SecondsFromInjectionToAcquisition = 6586,
            },
        };

        var result = _preprocessor.Preprocess(image, new PreprocessOptions());
        var analysis = new QuantitativeAnalyzer().Analyze(image, result);

        Assert.StartsWith("SUVbw factor", result.Parameters["suv"]);
        Assert.Equal(VoiLinear(1, 10), result.Grey8[0]);
        Assert.Equal(VoiLinear(8, 10), result.Grey8[(32 * 64) + 32]);
        Assert.Equal(8.0, analysis.Measurements["pet_suv_max"], 2);
    }

    [Fact]
    public void Preprocess_PetWithoutDoseMetadata_FallsBackToPercentilesAndSaysWhy()
    {
        var image = new DecodedImage
        {
            Width = 16, Height = 16, Channels = 1, Pixels = Enumerable.Range(0, 256).Select(i => (float)i * 10).ToArray(),
            Metadata = new ImageMetadata { Modality = "PT", BitsStored = 16 },
        };

        var result = _preprocessor.Preprocess(image, new PreprocessOptions());

        Assert.StartsWith("not computed", result.Parameters["suv"]);
        Assert.StartsWith("percentile", result.Parameters["normalisation"]);
    }

    [Fact]
    public void Preprocess_MrWithHotOutlier_PercentileNormalisationKeepsContrast()
    {
        var pixels = new float[100 * 100];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = 200 + (i % 100 * 8); // 200..992 ramp
        }

        pixels[5050] = 60000; // one hot voxel must not squash the ramp into a few grey levels
        var image = new DecodedImage
        {
            Width = 100, Height = 100, Channels = 1, Pixels = pixels,
            Metadata = new ImageMetadata { Modality = "MR", BitsStored = 16 },
        };

        var result = _preprocessor.Preprocess(image, new PreprocessOptions());

        Assert.StartsWith("percentile p0.5..p99.5", result.Parameters["normalisation"]);
        Assert.True(result.Grey8[99] - result.Grey8[0] > 240, $"{result.Grey8[0]}..{result.Grey8[99]}");
    }

    [Fact]
    public void Preprocess_RgbPhoto_KeepsColourInRgbOrder()
    {
        var pixels = new float[8 * 8 * 3];
        for (var i = 0; i < 64; i++)
        {
            pixels[i * 3] = 200;     // R
            pixels[(i * 3) + 1] = 50; // G
            pixels[(i * 3) + 2] = 10; // B
        }

        var image = new DecodedImage { Width = 8, Height = 8, Channels = 3, Pixels = pixels, Metadata = new ImageMetadata { PhotometricInterpretation = "RGB" } };

        var result = _preprocessor.Preprocess(image, new PreprocessOptions());
        using var png = Cv2.ImDecode(result.Png, ImreadModes.Color);

        Assert.Equal(new Vec3b(10, 50, 200), png.At<Vec3b>(0, 0)); // OpenCV decodes as BGR
        Assert.Equal(Math.Round((0.299 * 200) + (0.587 * 50) + (0.114 * 10)), result.Grey8[0], 0);
    }

    [Fact]
    public void Preprocess_ForcedWindowAndFrame_RecordedInParameters()
    {
        var image = new DecodedImage
        {
            Width = 4, Height = 4, Channels = 1, Pixels = new float[16],
            Metadata = new ImageMetadata { Modality = "CT", IsHounsfield = true, BodyPart = "CHEST", FrameIndex = 12, FrameCount = 40 },
        };

        var result = _preprocessor.Preprocess(image, new PreprocessOptions { WindowPreset = "Bone" });

        Assert.Equal("bone C400/W1800", result.Parameters["window"]);
        Assert.Equal("12 of 40 (0-based)", result.Parameters["frame"]);
        Assert.StartsWith("R=bone", result.Parameters["channels"]);
    }

    private static byte VoiLinear(double value, double max) => (byte)Math.Round(value / max * 255);
}
