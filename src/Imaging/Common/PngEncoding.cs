using OpenCvSharp;

namespace MedicalImaging.Imaging.Common;

/// <summary>Lossless PNG encoding tuned for speed (fast zlib level, RLE strategy suits medical greys).</summary>
internal static class PngEncoding
{
    private static readonly ImageEncodingParam[] FastParameters =
    [
        new(ImwriteFlags.PngCompression, 1),
        new(ImwriteFlags.PngStrategy, (int)ImwritePNGFlags.StrategyRLE),
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
