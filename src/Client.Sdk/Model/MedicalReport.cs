namespace MedicalImaging.Client;

/// <summary>A structured report. Not for diagnostic use.</summary>
public sealed record MedicalReport
{
    /// <summary>Report id.</summary>
    public required string Id { get; init; }
    /// <summary>The analysis that produced it.</summary>
    public required string AnalysisId { get; init; }
    /// <summary>Your case id, if given.</summary>
    public string? CaseId { get; init; }
    /// <summary>When it was written.</summary>
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>Modality (DICOM code; OT when unknown).</summary>
    public required string Modality { get; init; }
    /// <summary>Body part, if known.</summary>
    public string? BodyPart { get; init; }
    /// <summary>Technique section.</summary>
    public required string Technique { get; init; }
    /// <summary>Comparison section.</summary>
    public required string Comparison { get; init; }
    /// <summary>Findings.</summary>
    public required IReadOnlyList<Finding> Findings { get; init; }
    /// <summary>Impression.</summary>
    public required string Impression { get; init; }
    /// <summary>Recommendations.</summary>
    public required IReadOnlyList<string> Recommendations { get; init; }
    /// <summary>Limitations.</summary>
    public required IReadOnlyList<string> Limitations { get; init; }
    /// <summary>The not-for-diagnosis disclaimer.</summary>
    public required string Disclaimer { get; init; }
    /// <summary>normal, mild, moderate, severe, critical.</summary>
    public required string OverallSeverity { get; init; }
    /// <summary>Key findings, a line each.</summary>
    public required IReadOnlyList<string> KeyFindings { get; init; }
    /// <summary>The complete formatted report.</summary>
    public required string ReportText { get; init; }
    /// <summary>Literature references (from PubMed).</summary>
    public required IReadOnlyList<Citation> Citations { get; init; }
    /// <summary>The analysed images.</summary>
    public required IReadOnlyList<ReportImage> Images { get; init; }
    /// <summary>Who produced it and how.</summary>
    public required ReportProvenance Provenance { get; init; }
    /// <summary>True while the server keeps the report in its local outbox because its report store (Neo4j) is
    /// unreachable; the report is durable and readable, and is written to the store when it is back.</summary>
    public bool StoragePending { get; init; }
}

/// <summary>One finding.</summary>
/// <param name="Id">Id within the report (f1…).</param>
/// <param name="Description">What was seen.</param>
/// <param name="Anatomy">Where.</param>
/// <param name="Severity">normal … critical.</param>
/// <param name="Confidence">0 to 1.</param>
/// <param name="ImageIndex">The image.</param>
/// <param name="Source">The provider that reported it.</param>
public sealed record Finding(string Id, string Description, string Anatomy, string Severity, double Confidence, int ImageIndex, string Source);

/// <summary>A PubMed reference.</summary>
/// <param name="Pmid">PubMed id.</param>
/// <param name="Title">Title.</param>
/// <param name="Authors">Authors.</param>
/// <param name="Journal">Journal.</param>
/// <param name="Year">Year.</param>
/// <param name="Doi">DOI, if known.</param>
/// <param name="Url">Link.</param>
public sealed record Citation(string Pmid, string Title, IReadOnlyList<string> Authors, string Journal, int Year, string? Doi, string Url);

/// <summary>An analysed image.</summary>
/// <param name="Index">Position in the request.</param>
/// <param name="ImageId">SHA-256 of its bytes.</param>
/// <param name="FileName">Your file name.</param>
/// <param name="Format">png, jpeg or dicom.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Measurements">Quantitative measurements.</param>
/// <param name="QualityFlags">Image-quality problems.</param>
/// <param name="HasHeatmap">True when a heatmap can be downloaded.</param>
/// <param name="HeatmapMethod">How the heatmap was made.</param>
public sealed record ReportImage(
    int Index, string ImageId, string FileName, string Format, int Width, int Height,
    IReadOnlyDictionary<string, double> Measurements, IReadOnlyList<string> QualityFlags, bool HasHeatmap, string? HeatmapMethod);

/// <summary>How a report was made.</summary>
/// <param name="Provider">The provider whose answer it is based on.</param>
/// <param name="Model">Its model.</param>
/// <param name="Degraded">True when no AI provider answered.</param>
/// <param name="Attempts">Every provider attempt.</param>
/// <param name="LiteratureStatus">ok, unavailable, not_needed or disabled.</param>
/// <param name="QualityScore">Quality review score (0 to 1).</param>
/// <param name="PromptHashes">SHA-256 of each prompt used.</param>
public sealed record ReportProvenance(
    string Provider, string Model, bool Degraded, IReadOnlyList<ProviderAttempt> Attempts, string LiteratureStatus,
    double QualityScore, IReadOnlyDictionary<string, string> PromptHashes);

/// <summary>One provider call.</summary>
/// <param name="Provider">Provider.</param>
/// <param name="Model">Model.</param>
/// <param name="Outcome">success, timeout, rate_limited, …</param>
/// <param name="LatencyMs">Duration.</param>
/// <param name="Purpose">vision or report.</param>
/// <param name="Error">What failed, if anything.</param>
public sealed record ProviderAttempt(string Provider, string Model, string Outcome, double LatencyMs, string Purpose, string? Error)
{
    /// <summary>The images a vision attempt sent, as fitted to the provider's limits (empty for other calls).</summary>
    public IReadOnlyList<SentImage> ImagesSent { get; init; } = [];

    /// <summary>Images left out of the attempt to stay within the provider's limits.</summary>
    public int ImagesDropped { get; init; }
}

/// <summary>One image as it was sent to a provider.</summary>
/// <param name="Index">Position in the request.</param>
/// <param name="Width">Width sent, pixels.</param>
/// <param name="Height">Height sent, pixels.</param>
/// <param name="Bytes">Encoded size sent (before base64).</param>
/// <param name="MediaType">image/png or image/jpeg.</param>
public sealed record SentImage(int Index, int Width, int Height, long Bytes, string MediaType);
