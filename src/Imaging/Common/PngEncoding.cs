using OpenCvSharp;

namespace MedicalImaging.Imaging.Common;

/// <summary>
/// Lossless PNG encoding tuned for speed: zlib level 1, RLE strategy and one fixed row filter (Up).
/// Leaving the filter unset makes libpng try all five per row, which costs 3–5× the time here.
/// </summary>
internal static class PngEncoding
{
    /// <summary>cv::IMWRITE_PNG_FILTER (OpenCV ≥ 4.10); OpenCvSharp's enum lacks it.</summary>
    private const ImwriteFlags PngFilter = (ImwriteFlags)19;

    /// <summary>cv::IMWRITE_PNG_FILTER_UP.</summary>
    private const int FilterUp = 32;

    public static readonly ImageEncodingParam[] FastParameters =
    [
        new(ImwriteFlags.PngCompression, 1),
        new(ImwriteFlags.PngStrategy, (int)ImwritePNGFlags.StrategyRLE),
        new(PngFilter, FilterUp),
    ];

    /// <summary>Encodes an 8-bit grey image, or an 8-bit RGB image (converted to OpenCV's BGR order first).</summary>
    public static byte[] Encode(Mat image, bool isRgb)
    {
        if (!isRgb)
        {
            return image.ImEncode(".png", FastParameters);
        }

        using var bgr = new Mat();
        Cv2.CvtColor(image, bgr, ColorConversionCodes.RGB2BGR);
        return bgr.ImEncode(".png", FastParameters);
    }
}
