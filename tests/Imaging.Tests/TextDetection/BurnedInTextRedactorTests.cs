using MedicalImaging.Imaging.Common;
using MedicalImaging.Imaging.TextDetection;
using MedicalImaging.Tests.Support;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Tests.TextDetection;

/// <summary>
/// Identifiers burned into ultrasound-like and photo-like images, in several sizes and places, white on
/// black and black on white: the detector finds them, and after blanking the independent `tesseract` CLI
/// reads none of the planted words.
/// </summary>
public sealed class BurnedInTextRedactorTests : IDisposable
{
    private readonly TesseractTextDetector _detector = new();

    public void Dispose() => _detector.Dispose();

    public static TheoryData<string, double, int, int, int, int> Cases() => new()
    {
        // kind, font scale, name line at (x, y), ID line at (x, y)
        { "us", 0.4, 8, 24, 380, 500 },
        { "us", 0.6, 300, 20, 10, 500 },
        { "us", 1.0, 8, 28, 300, 500 },
        { "photo", 0.45, 200, 120, 40, 420 },
        { "photo", 0.7, 10, 30, 250, 480 },
        { "photo", 1.0, 20, 260, 300, 60 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Redact_RenderedIdentifiers_NoPlantedWordReadableAfterBlanking(string kind, double scale, int nameX, int nameY, int idX, int idY)
    {
        using var image = kind == "us"
            ? BurnedInTextImages.Ultrasound(scale, new Point(nameX, nameY), new Point(idX, idY))
            : BurnedInTextImages.Photo(scale, new Point(nameX, nameY), new Point(idX, idY));
        var png = Encode(image);
        Assert.NotEmpty(TesseractOracle.ReadableTokens(png, BurnedInTextImages.PlantedTokens)); // the oracle can read the original

        var redaction = new BurnedInTextRedactor(_detector).Redact(png, CancellationToken.None);

        Assert.Contains(redaction.Regions, r => r.Source == "ocr");
        Assert.Empty(TesseractOracle.ReadableTokens(redaction.Png, BurnedInTextImages.PlantedTokens));
        Assert.NotSame(png, redaction.Png);
    }

    [Fact]
    public void Detect_OverlayWords_ReadsThemWithBoxesOnTheText()
    {
        using var image = BurnedInTextImages.Ultrasound(0.7, new Point(8, 24), new Point(380, 500));

        var regions = _detector.Detect(image, CancellationToken.None);

        var mrn = Assert.Single(regions, r => r.Text == "MRN");
        Assert.InRange(mrn.X, 370, 392);
        Assert.InRange(mrn.Y, 470, 500);
        Assert.Contains(regions, r => r.Text.Contains("4471", StringComparison.Ordinal));
        Assert.Contains(regions, r => r.Text.Contains("1931", StringComparison.Ordinal));
    }

    [Fact]
    public void Detect_UltrasoundWithoutText_BlanksAlmostNothing()
    {
        using var image = BurnedInTextImages.Ultrasound(0.7, new Point(8, 24), new Point(380, 500), withText: false);

        var regions = _detector.Detect(image, CancellationToken.None);

        using var blanked = image.Clone();
        blanked.SetTo(Scalar.All(255));
        TextBlanker.Blank(blanked, regions);
        var blankedFraction = 1 - (Cv2.CountNonZero(blanked) / (double)(image.Width * image.Height));
        Assert.True(blankedFraction < 0.03, $"{blankedFraction:P1} of a text-free ultrasound frame would be blanked");
    }

    [Fact]
    public void Redact_NoText_ReturnsTheInputBytes()
    {
        using var flat = new Mat(256, 256, MatType.CV_8UC1, Scalar.All(90));
        var png = Encode(flat);

        var redaction = new BurnedInTextRedactor(_detector).Redact(png, CancellationToken.None);

        Assert.Empty(redaction.Regions);
        Assert.Same(png, redaction.Png);
    }

    [Fact]
    public void Detect_FromSeveralThreads_EachGetsItsOwnEngine()
    {
        using var image = BurnedInTextImages.Ultrasound(0.7, new Point(8, 24), new Point(380, 500));

        var counts = new int[4];
        Parallel.For(0, counts.Length, i => counts[i] = _detector.Detect(image, CancellationToken.None).Count(r => r.Text == "MRN"));

        Assert.All(counts, c => Assert.Equal(1, c));
    }

    [Fact]
    public void Blank_RegionAtTheEdge_IsPaddedAndClipped()
    {
        using var image = new Mat(100, 100, MatType.CV_8UC1, Scalar.All(200));

        var blanked = TextBlanker.Blank(image, [new TextRegion(90, 0, 20, 12, 90, "x", "ocr")]);

        var rect = Assert.Single(blanked);
        Assert.Equal(new Rect(87, 0, 13, 15), rect);
        Assert.Equal(0, image.At<byte>(0, 99));
        Assert.Equal(200, image.At<byte>(20, 80));
    }

    private static byte[] Encode(Mat image)
    {
        if (image.Channels() == 1)
        {
            return PngEncoding.Encode(image, isRgb: false);
        }

        using var rgb = image.CvtColor(ColorConversionCodes.BGR2RGB);
        return PngEncoding.Encode(rgb, isRgb: true);
    }
}
