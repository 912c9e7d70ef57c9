using MedicalImaging.Imaging;
using MedicalImaging.Server.Redaction;

namespace MedicalImaging.Server.Reports;

/// <summary>What a report says of one analysed image: where it came from, its size and header summary, what the pipeline measured and did to it.</summary>
public sealed record ReportImage
{
    public required int Index { get; init; }
    public required string ImageId { get; init; }
    public required string Filename { get; init; }
    public required ImageMetadata Metadata { get; init; }
    public required int Width { get; init; }
    public required int Height { get; init; }
    public QuantitativeAnalysis? Analysis { get; init; }
    public IReadOnlyDictionary<string, string>? Preprocessing { get; init; }
    public string? HeatmapMethod { get; init; }

    /// <summary>The burned-in text check of the copy sent to AI providers; null when none ran.</summary>
    public BurnedInTextCheck? BurnedInText { get; init; }

    /// <summary>Where preprocessing cropped the source frame (findings are mapped back through it); null when it did not crop.</summary>
    public PixelCrop? SourceCrop { get; init; }

    /// <summary>The DICOM frame the image was decoded from; null for PNG/JPEG.</summary>
    public DicomImageReference? SourceReference { get; init; }
}
