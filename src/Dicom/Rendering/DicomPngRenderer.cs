using MedicalImaging.Imaging;

namespace MedicalImaging.Dicom;

/// <summary>
/// A viewable PNG of a decoded image: grey through the file's first window, else its VOI LUT, else min/max, to 8 bits
/// (or 16 bits when more than 8 bits are stored), MONOCHROME1 inverted; colour as 8-bit RGB.
/// </summary>
public static class DicomPngRenderer
{
    /// <summary>Renders <paramref name="image"/> with the VOI LUT this library attached to it, if any (<see cref="DicomVoiLuts"/>).</summary>
    public static byte[] Render(DecodedImage image) => Render(image, DicomVoiLuts.Of(image));

    /// <summary>
    /// Renders <paramref name="image"/>; grey goes through <paramref name="window"/> when given, else
    /// <paramref name="voiLut"/> when given, else the metadata window, else min/max.
    /// </summary>
    public static byte[] Render(DecodedImage image, VoiLut? voiLut, (double Center, double Width)? window = null)
    {
        var pixels = image.Pixels;
        var m = image.Metadata;
        if (image.Channels == 3)
        {
            var max = m.BitsStored > 8 ? (1 << m.BitsStored) - 1 : 255f;
            var rgb = new byte[pixels.Length];
            for (var i = 0; i < pixels.Length; i++)
            {
                rgb[i] = (byte)Math.Clamp((int)MathF.Round(pixels[i] * 255f / max), 0, 255);
            }

            return PngEncoder.Encode(rgb, image.Width, image.Height, 3, 8);
        }

        if (window is null && voiLut is not null)
        {
            return RenderLut(image, voiLut);
        }

        float lo, hi;
        if (window is { } explicitWindow)
        {
            lo = (float)(explicitWindow.Center - explicitWindow.Width / 2);
            hi = (float)(explicitWindow.Center + explicitWindow.Width / 2);
        }
        else if (m.WindowCenter is { } c && m.WindowWidth is { } w)
        {
            lo = (float)(c - w / 2);
            hi = (float)(c + w / 2);
        }
        else
        {
            lo = float.MaxValue;
            hi = float.MinValue;
            foreach (var v in pixels)
            {
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
            }
        }

        var range = Math.Max(hi - lo, 1e-6f);
        return Grey(image, v => Math.Clamp((v - lo) / range, 0f, 1f));
    }

    private static byte[] RenderLut(DecodedImage image, VoiLut lut) => Grey(image, lut.Normalized);

    /// <summary>Grey output from a VOI function giving 0..1 per modality value; MONOCHROME1 inverted.</summary>
    private static byte[] Grey(DecodedImage image, Func<float, float> voi)
    {
        var pixels = image.Pixels;
        var m = image.Metadata;
        var invert = m.PhotometricInterpretation == "MONOCHROME1";
        var sixteen = m.BitsStored > 8;
        var top = sixteen ? 65535f : 255f;
        var output = new byte[pixels.Length * (sixteen ? 2 : 1)];
        for (var i = 0; i < pixels.Length; i++)
        {
            var t = voi(pixels[i]);
            var v = (int)MathF.Round((invert ? 1 - t : t) * top);
            if (sixteen)
            {
                output[2 * i] = (byte)(v >> 8);
                output[2 * i + 1] = (byte)v;
            }
            else
            {
                output[i] = (byte)v;
            }
        }

        return PngEncoder.Encode(output, image.Width, image.Height, 1, sixteen ? 16 : 8);
    }
}
