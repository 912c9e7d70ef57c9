using MedicalImaging.Imaging.Common;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Preprocessing;

/// <summary>Maps modality values onto 0..255 (linear between two values, saturating) and inverts MONOCHROME1.</summary>
internal static class IntensityMapping
{
    /// <summary>Linear map of [low, high] onto [0, 255] with saturation.</summary>
    public static Mat Linear(Mat source, double low, double high)
    {
        var destination = new Mat();
        var range = Math.Max(high - low, 1e-6);
        source.ConvertTo(destination, MatType.CV_8UC(source.Channels()), 255 / range, -low * 255 / range);
        return destination;
    }

    /// <summary>Robust normalisation: [p<paramref name="lowPercent"/>, p<paramref name="highPercent"/>] → [0, 255].</summary>
    public static Mat Percentile(Mat source, double lowPercent, double highPercent, IDictionary<string, string> parameters)
    {
        using var luminance = PixelMats.Luminance(source);
        var bounds = Percentiles.Compute(luminance, null, lowPercent, highPercent);
        parameters["normalisation"] =
            $"percentile p{Invariant.F(lowPercent)}..p{Invariant.F(highPercent)} = {Invariant.F(bounds[0], 2)}..{Invariant.F(bounds[1], 2)} → 0..255";
        return Linear(source, bounds[0], bounds[1]);
    }

    /// <summary>8-bit sources pass unchanged; deeper ones get robust percentile normalisation.</summary>
    public static Mat Display(Mat source, DecodedImage image, IDictionary<string, string> parameters)
    {
        if (image.Metadata.BitsStored <= 8 && !image.Metadata.IsHounsfield)
        {
            parameters["normalisation"] = "none (8-bit source)";
            var destination = new Mat();
            source.ConvertTo(destination, MatType.CV_8UC(source.Channels()));
            return destination;
        }

        return Percentile(source, 0.5, 99.5, parameters);
    }

    /// <summary>Inverts MONOCHROME1 (minimum = white) so bright means dense, as in MONOCHROME2.</summary>
    public static void InvertIfMonochrome1(Mat display, DecodedImage image, IDictionary<string, string> parameters)
    {
        if (string.Equals(image.Metadata.PhotometricInterpretation, "MONOCHROME1", StringComparison.OrdinalIgnoreCase))
        {
            Cv2.BitwiseNot(display, display);
            parameters["inverted"] = "MONOCHROME1 → MONOCHROME2";
        }
    }
}
