namespace MedicalImaging.Server.Domain;

/// <summary>One analysed image of a report.</summary>
public sealed record AnalyzedImage
{
    public required int Index { get; init; }
    public required string ImageId { get; init; }
    public required string Filename { get; init; }
    public required string Format { get; init; }
    public required int Width { get; init; }
    public required int Height { get; init; }
    public required string Modality { get; init; }
    public string? BodyPart { get; init; }
    public required IReadOnlyDictionary<string, double> Measurements { get; init; }
    public required IReadOnlyList<string> QualityFlags { get; init; }
    public required IReadOnlyDictionary<string, string> Preprocessing { get; init; }
    public string? HeatmapMethod { get; init; }

    /// <summary>The analysed DICOM frame (UIDs + 1-based frame); null for PNG/JPEG. Identifying: never sent to a provider.</summary>
    public MedicalImaging.Imaging.DicomImageReference? Dicom { get; init; }
}
