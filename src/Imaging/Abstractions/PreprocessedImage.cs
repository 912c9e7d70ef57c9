namespace MedicalImaging.Imaging;

/// <summary>An image ready for a vision model, plus how it was made.</summary>
public sealed class PreprocessedImage
{
    private Lazy<byte[]>? _png;

    /// <summary>
    /// Lossless PNG sent to providers (8-bit grey or RGB). Encoded on first read (once, thread-safe) when made with
    /// <see cref="EncodePng"/>: an analysis that asks no external provider never pays for it.
    /// </summary>
    public byte[] Png
    {
        get => (_png ?? throw new InvalidOperationException("The preprocessed image was made without its PNG.")).Value;
        init => _png = new Lazy<byte[]>(value);
    }

    /// <summary>Makes <see cref="Png"/> on first read instead of now.</summary>
    public Func<byte[]> EncodePng
    {
        init => _png = new Lazy<byte[]>(value, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Whether <see cref="Png"/> has been encoded yet.</summary>
    public bool PngEncoded => _png?.IsValueCreated ?? false;

    /// <summary>Width of <see cref="Png"/>.</summary>
    public required int Width { get; init; }

    /// <summary>Height of <see cref="Png"/>.</summary>
    public required int Height { get; init; }

    /// <summary>
    /// Display-ready 8-bit grey view at <see cref="Width"/> x <see cref="Height"/> (row-major), used by
    /// analysis and heatmaps so they need not decode <see cref="Png"/> again.
    /// </summary>
    public required byte[] Grey8 { get; init; }

    /// <summary>Parameters used (window, CLAHE, crop, frame, scale…), recorded in the report's provenance.</summary>
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    /// <summary>
    /// The source-pixel rectangle preprocessing cropped to before resizing (null: the whole image). Boxes found on
    /// the preprocessed image (heatmap hotspots, provider regions) map back to source coordinates through it
    /// (<see cref="SourceRegions"/>); the resize after it is aspect-preserving, so it needs no mapping.
    /// </summary>
    public PixelCrop? SourceCrop { get; init; }
}
