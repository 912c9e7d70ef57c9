using MedicalImaging.Imaging;

namespace MedicalImaging.Server.Admission;

/// <summary>
/// What one image costs the pipeline in memory at its peak, from its header alone: the file bytes, an
/// inflated DICOM dataset, the decoder's native buffers, the float copy every later stage reads, and
/// the preprocessing and heatmap working set. The per-sample and per-pixel figures were measured (peak
/// RSS growth of a real server analysing one image, docs/BENCHMARKS.md ## Admission), not guessed.
/// </summary>
public static class ImageMemoryEstimate
{
    /// <summary>
    /// Bytes per decoded sample on top of the float copy (4 bytes): the codec's output and its colour-converted
    /// copy (one each at the source's bytes per sample), and float working copies during conversion.
    /// </summary>
    public const double NativeCopiesPerSample = 2;

    /// <summary>Bytes per pixel of preprocessing (float grey views, window/CLAHE mats before the resize) and heatmaps.</summary>
    public const double WorkingBytesPerPixel = 8;

    /// <summary>Peak bytes an analysis of this image holds: one frame is decoded, whatever the frame count.</summary>
    public static long Of(ImageProbe probe, long fileBytes)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var pixels = (double)probe.Width * probe.Height;
        var samples = pixels * probe.Channels;
        var decoded = samples * (sizeof(float) + NativeCopiesPerSample * probe.BytesPerSample);
        return (long)Math.Ceiling(fileBytes + probe.InflatedBytes + decoded + pixels * WorkingBytesPerPixel);
    }
}
