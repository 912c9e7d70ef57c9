namespace MedicalImaging.Dicom;

/// <summary>YBR_FULL (ITU-R BT.601 full range, as JPEG/JFIF) to RGB.</summary>
internal static class ColorConversion
{
    /// <summary>Converts interleaved 8-bit Y Cb Cr triplets to R G B in place.</summary>
    public static void YbrFullToRgbInPlace(Span<byte> data)
    {
        for (var i = 0; i + 2 < data.Length; i += 3)
        {
            var (r, g, b) = ToRgb(data[i], data[i + 1], data[i + 2]);
            data[i] = ClampByte(r);
            data[i + 1] = ClampByte(g);
            data[i + 2] = ClampByte(b);
        }
    }

    /// <summary>One conversion, in floating point (any bit depth; <paramref name="half"/> is 2^(bits-1)).</summary>
    public static (float R, float G, float B) ToRgb(float y, float cb, float cr, float half = 128f)
    {
        var r = y + 1.402f * (cr - half);
        var g = y - 0.344136f * (cb - half) - 0.714136f * (cr - half);
        var b = y + 1.772f * (cb - half);
        return (r, g, b);
    }

    private static byte ClampByte(float v) => (byte)Math.Clamp((int)MathF.Round(v), 0, 255);
}
