namespace MedicalImaging.Dicom;

/// <summary>Limits applied while parsing.</summary>
public sealed record DicomParseOptions
{
    /// <summary>Deepest sequence nesting accepted. Default 32.</summary>
    public int MaxSequenceDepth { get; init; } = 32;

    /// <summary>Largest inflated size of a deflated dataset, in bytes. Default 1 GiB.</summary>
    public long MaxInflatedBytes { get; init; } = 1L << 30;

    /// <summary>Where <see cref="MaxInflatedBytes"/> comes from (a setting), named in the error a bomb gets. Default none.</summary>
    public string? MaxInflatedBytesSource { get; init; }

    /// <summary>
    /// Largest part of a deflated dataset kept when only its header is read (everything before Pixel Data).
    /// Default 16 MiB: headers are kilobytes; the rest of the stream is only counted.
    /// </summary>
    public long MaxHeaderBytes { get; init; } = 16L << 20;

    /// <summary>Shared default options.</summary>
    public static DicomParseOptions Default { get; } = new();
}
