namespace MedicalImaging.Imaging;

/// <summary>An image ready for a vision model, plus how it was made.</summary>
public sealed class PreprocessedImage
{
    /// <summary>Lossless PNG sent to providers (8-bit grey or RGB).</summary>
    public required byte[] Png { get; init; }

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
