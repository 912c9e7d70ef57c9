namespace MedicalImaging.Imaging;

/// <summary>
/// Maps a box found on the preprocessed image back to the source image, so a viewer can draw it on the original
/// frame. Preprocessing may crop (collimation, ultrasound sector) and then resizes keeping the aspect ratio, so a
/// normalised box on the output is a normalised box on the crop: only the crop needs undoing. Provider fitting
/// (<c>ImageFitter</c>) also scales uniformly, so provider boxes map the same way.
/// </summary>
public static class SourceRegions
{
    /// <summary>
    /// <paramref name="box"/> (0..1 of the preprocessed image) in 0..1 of the <paramref name="sourceWidth"/> x
    /// <paramref name="sourceHeight"/> source, clamped to it.
    /// </summary>
    public static NormalizedBox ToSource(NormalizedBox box, PixelCrop? crop, int sourceWidth, int sourceHeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sourceWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sourceHeight);
        var c = crop ?? new PixelCrop(0, 0, sourceWidth, sourceHeight);
        var left = Clamp((c.X + (Clamp(box.X) * c.Width)) / sourceWidth);
        var top = Clamp((c.Y + (Clamp(box.Y) * c.Height)) / sourceHeight);
        var right = Clamp((c.X + (Clamp(box.X + box.Width) * c.Width)) / sourceWidth);
        var bottom = Clamp((c.Y + (Clamp(box.Y + box.Height) * c.Height)) / sourceHeight);
        return new NormalizedBox(left, top, right - left, bottom - top);
    }

    private static double Clamp(double value) => Math.Clamp(value, 0, 1);
}
