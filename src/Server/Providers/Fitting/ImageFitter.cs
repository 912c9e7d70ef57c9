using MedicalImaging.Server.Providers.Profiles;
using OpenCvSharp;

namespace MedicalImaging.Server.Providers.Fitting;

/// <summary>
/// Fits the outbound images to a provider's profile so a request never exceeds what the provider takes
/// (Groq answers 413 above 4 MB of base64 and refuses more than 5 images or 33 MP an image): at most
/// maxImages images; each scaled down to maxImagePixels; each given an equal share of the body budget left
/// after the text, kept as lossless PNG while it fits that share and re-encoded as JPEG at the profile's
/// quality otherwise, then scaled down step by step. Images that still cannot fit are left out from the end,
/// so the images sent stay a prefix of the request and keep their indices. Works on copies: the outbound
/// PNGs it is given are never changed.
/// </summary>
public static class ImageFitter
{
    /// <summary>Bytes a data URL, its JSON quoting and the content part wrapper add to each image.</summary>
    public const int PerImageOverhead = 96;

    /// <summary>An image is not shrunk below this shorter side; past it, it is dropped instead (too small to read).</summary>
    public const int MinimumSide = 256;

    private const double StepScale = 0.8;

    public static FittedImages Fit(IReadOnlyList<ReadOnlyMemory<byte>> pngs, ProviderProfile profile, long textBytes)
    {
        var budget = profile.MaxRequestBytes - textBytes;
        for (var keep = Math.Min(pngs.Count, profile.MaxImages); keep > 0; keep--)
        {
            // Base64 turns 3 bytes into 4, and a JSON writer may escape '+' as \u002B (1 in 64 characters, +5 each):
            // the share of the body each image may take, as raw encoded bytes, with a tenth kept for such escaping.
            var share = (budget / keep) - PerImageOverhead;
            var rawLimit = share * 3 / 4 * 10 / 11;
            if (rawLimit <= 0)
            {
                continue;
            }

            var fitted = new List<FittedImage>(keep);
            for (var i = 0; i < keep; i++)
            {
                if (FitOne(pngs[i], profile, rawLimit) is not { } image)
                {
                    break;
                }

                fitted.Add(image);
            }

            if (fitted.Count == keep)
            {
                return new FittedImages(fitted, pngs.Count - keep);
            }
        }

        return new FittedImages([], pngs.Count);
    }

    /// <summary>Upper bound of an image's size in the JSON body: its base64 text, '+' counted as if escaped (\u002B), and its wrapper.</summary>
    public static long BodyBytes(FittedImage image)
    {
        var base64 = Convert.ToBase64String(image.Bytes.Span);
        return base64.Length + (5L * base64.Count(c => c == '+')) + PerImageOverhead;
    }

    private static FittedImage? FitOne(ReadOnlyMemory<byte> png, ProviderProfile profile, long rawLimit)
    {
        using var decoded = Cv2.ImDecode(png.ToArray(), ImreadModes.Unchanged);
        if (decoded.Empty())
        {
            throw new InvalidOperationException("An outbound image could not be decoded for fitting.");
        }

        using var source = ToEightBit(decoded);
        int width = source.Width, height = source.Height;
        var shorter = Math.Min(width, height);
        var pixels = (long)width * height;
        var scale = pixels > profile.MaxImagePixels ? Math.Sqrt((double)profile.MaxImagePixels / pixels) : 1.0;
        var pngFirst = profile.PreferredEncoding == "png";

        // Small enough already: the outbound copy goes as it is, byte for byte.
        if (scale >= 1.0 && pngFirst && png.Length <= rawLimit)
        {
            return new FittedImage(png, "image/png", width, height);
        }

        while (shorter * scale >= MinimumSide || scale >= 1.0)
        {
            using var resized = scale < 1.0 ? Resize(source, scale) : source.Clone();
            if (pngFirst)
            {
                var asPng = resized.ImEncode(".png");
                if (asPng.Length <= rawLimit)
                {
                    return new FittedImage(asPng, "image/png", resized.Width, resized.Height);
                }
            }

            var asJpeg = resized.ImEncode(".jpg", new ImageEncodingParam(ImwriteFlags.JpegQuality, profile.JpegQuality));
            if (asJpeg.Length <= rawLimit)
            {
                return new FittedImage(asJpeg, "image/jpeg", resized.Width, resized.Height);
            }

            if (scale >= 1.0 && shorter < MinimumSide)
            {
                return null;
            }

            scale = Math.Min(scale, 1.0) * StepScale;
        }

        return null;
    }

    private static Mat Resize(Mat source, double scale)
    {
        var resized = new Mat();
        var size = new Size(Math.Max(1, (int)(source.Width * scale)), Math.Max(1, (int)(source.Height * scale)));
        Cv2.Resize(source, resized, size, 0, 0, InterpolationFlags.Area);
        return resized;
    }

    /// <summary>JPEG takes 8-bit grey or BGR: 16-bit is scaled down, alpha dropped.</summary>
    private static Mat ToEightBit(Mat image)
    {
        var result = image.Clone();
        if (result.Depth() != MatType.CV_8U)
        {
            var eight = new Mat();
            result.ConvertTo(eight, MatType.CV_8U, result.Depth() == MatType.CV_16U ? 1.0 / 257 : 1.0);
            result.Dispose();
            result = eight;
        }

        if (result.Channels() == 4)
        {
            var bgr = new Mat();
            Cv2.CvtColor(result, bgr, ColorConversionCodes.BGRA2BGR);
            result.Dispose();
            result = bgr;
        }

        return result;
    }
}
