namespace MedicalImaging.Imaging;

/// <summary>
/// One decoded image (one frame) in modality units: CT in Hounsfield units (rescale applied),
/// other modalities in rescaled stored values, PNG/JPEG in 0..255 (or 0..65535 for 16-bit PNG).
/// MONOCHROME1 data is NOT inverted here: <see cref="ImageMetadata.PhotometricInterpretation"/>
/// tells the preprocessor to do it, so measurements stay in the original units.
/// </summary>
public sealed class DecodedImage
{
    /// <summary>Columns.</summary>
    public required int Width { get; init; }

    /// <summary>Rows.</summary>
    public required int Height { get; init; }

    /// <summary>1 (grey) or 3 (RGB, interleaved per pixel).</summary>
    public required int Channels { get; init; }

    /// <summary>Row-major, channel-interleaved samples; length = Width * Height * Channels.</summary>
    public required float[] Pixels { get; init; }

    /// <summary>What the decoder learned about the image.</summary>
    public required ImageMetadata Metadata { get; init; }

    /// <summary>
    /// Values in the source that identify the patient (DICOM: names, IDs, dates, institution, addresses, UIDs of the
    /// header, raw as stored, e.g. "DOE^JANE", "19310502"); empty for PNG/JPEG. Kept here and never on
    /// <see cref="ImageMetadata"/>, which may reach a provider: the server's egress guard redacts these values from
    /// every outbound body and refuses a body that still holds one.
    /// </summary>
    public IReadOnlyList<string> Identifiers { get; init; } = [];

    /// <summary>
    /// The DICOM frame this image is (UIDs + 1-based frame), null for PNG/JPEG or a DICOM object without the UIDs.
    /// Identifying like <see cref="Identifiers"/>: stored on the owner's report for located findings and export,
    /// never sent to a provider.
    /// </summary>
    public DicomImageReference? SourceReference { get; init; }
}
