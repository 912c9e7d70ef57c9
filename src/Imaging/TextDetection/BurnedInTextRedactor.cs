using MedicalImaging.Imaging.Common;
using OpenCvSharp;

namespace MedicalImaging.Imaging.TextDetection;

/// <summary>
/// Turns a PNG that is about to leave the process into one without readable burned-in text: text is
/// found (<see cref="ITextDetector"/>) and blanked (<see cref="TextBlanker"/>) in a copy; the input
/// bytes are never modified.
/// </summary>
public sealed class BurnedInTextRedactor
{
    private readonly ITextDetector _detector;

    public BurnedInTextRedactor(ITextDetector detector) => _detector = detector;

    /// <summary>Finds and blanks text in an 8-bit grey or RGB PNG.</summary>
    public TextRedaction Redact(byte[] png, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(png);
        using var image = Cv2.ImDecode(png, ImreadModes.Unchanged);
        if (image.Empty() || image.Depth() != MatType.CV_8U || image.Channels() is not (1 or 3))
        {
            throw new ArgumentException("Expected an 8-bit grey or RGB PNG.", nameof(png));
        }

        var regions = _detector.Detect(image, cancellationToken);
        if (regions.Count == 0)
        {
            return new TextRedaction(png, regions);
        }

        TextBlanker.Blank(image, regions);
        var isRgb = image.Channels() == 3;
        if (isRgb)
        {
            // OpenCV decoded RGB as BGR; the encoder writes RGB order.
            Cv2.CvtColor(image, image, ColorConversionCodes.BGR2RGB);
        }

        return new TextRedaction(PngEncoding.Encode(image, isRgb), regions);
    }
}
