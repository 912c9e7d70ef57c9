using OpenCvSharp;

namespace MedicalImaging.Imaging.TextDetection;

/// <summary>
/// OCR for burned-in text through Debian's Tesseract: the image, upscaled when small (overlay text of
/// 8–12 px is below what Tesseract reads reliably), is read once as sparse text (Tesseract retries
/// lines inverted itself: a second pass on the negative found nothing more on the test images, and a
/// Sauvola-binarised pass mostly found speckle at several times the cost), and every word with a
/// letter or digit is kept. Word boxes that swallowed their surroundings are tightened, and
/// <see cref="OverlayTextHeuristic"/> adds high-contrast text lines on flat backgrounds that OCR
/// could not read (a light label inside a bright photo, lost to the global threshold), as a safety net.
/// </summary>
public sealed class TesseractTextDetector : ITextDetector, IDisposable
{
    /// <summary>Images whose longer side is below this are upscaled 2x before OCR.</summary>
    private const int UpscaleBelow = 1200;

    /// <summary>Words under this confidence are dropped unless they hold two or more letters/digits.</summary>
    private const float MinConfidence = 40;

    /// <summary>Word boxes taller than this (and than two median lines) are tightened to their stroke lines.</summary>
    private const int MinTallWord = 40;

    private readonly TesseractEnginePool _pool;

    /// <param name="dataPath">Folder holding eng.traineddata; null = Tesseract's default (TESSDATA_PREFIX or /usr/share/tesseract-ocr/5/tessdata).</param>
    public TesseractTextDetector(string? dataPath = null)
    {
        _pool = new TesseractEnginePool(dataPath);
    }

    /// <summary>Checks that Tesseract loads and its model initialises; throws <see cref="TextDetectionUnavailableException"/> otherwise.</summary>
    public void EnsureAvailable() => _pool.Return(_pool.Rent());

    public IReadOnlyList<TextRegion> Detect(Mat image, CancellationToken cancellationToken)
    {
        using var grey = ToGrey(image);
        var scale = Math.Max(grey.Width, grey.Height) < UpscaleBelow ? 2 : 1;
        using var scaled = scale == 1 ? grey.Clone() : grey.Resize(new Size(grey.Width * scale, grey.Height * scale), 0, 0, InterpolationFlags.Cubic);

        var regions = new List<TextRegion>();
        var engine = _pool.Rent();
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var word in engine.ReadWords(scaled))
            {
                if (IsText(word))
                {
                    regions.Add(word with { X = word.X / scale, Y = word.Y / scale, Width = Ceil(word.Width, scale), Height = Ceil(word.Height, scale) });
                }
            }
        }
        finally
        {
            _pool.Return(engine);
        }

        cancellationToken.ThrowIfCancellationRequested();
        regions = Tighten(grey, regions);
        regions.AddRange(OverlayTextHeuristic.Find(grey));
        return regions;
    }

    /// <summary>
    /// Replaces word boxes far taller than a line of text with the stroke lines inside them; a box with
    /// no stroke line inside stays whole (recall first).
    /// </summary>
    private static List<TextRegion> Tighten(Mat grey, List<TextRegion> words)
    {
        var confident = words.Where(w => w.Confidence >= 60).Select(w => w.Height).Order().ToList();
        var lineHeight = confident.Count > 0 ? confident[confident.Count / 2] : 20;
        var tallest = Math.Max(MinTallWord, 2 * lineHeight);
        var tightened = new List<TextRegion>(words.Count);
        foreach (var word in words)
        {
            if (word.Height <= tallest)
            {
                tightened.Add(word);
                continue;
            }

            var lines = OverlayTextHeuristic.LinesWithin(grey, new Rect(word.X, word.Y, word.Width, word.Height));
            tightened.AddRange(lines.Count > 0 ? lines.Select(l => l with { Confidence = word.Confidence, Text = word.Text }) : [word]);
        }

        return tightened;
    }

    public void Dispose() => _pool.Dispose();

    private static int Ceil(int value, int scale) => (value + scale - 1) / scale;

    private static bool IsText(TextRegion word)
    {
        var alphanumerics = word.Text.Count(char.IsLetterOrDigit);
        return alphanumerics > 0 && (word.Confidence >= MinConfidence || alphanumerics >= 2);
    }

    private static Mat ToGrey(Mat image)
    {
        if (image.Type() == MatType.CV_8UC1)
        {
            return image.Clone();
        }

        if (image.Type() == MatType.CV_8UC3)
        {
            // Channel order does not matter for finding strokes; BGR weights are as good as RGB ones here.
            return image.CvtColor(ColorConversionCodes.BGR2GRAY);
        }

        throw new ArgumentException($"Expected an 8-bit grey or 3-channel image, got {image.Type()}.", nameof(image));
    }
}
