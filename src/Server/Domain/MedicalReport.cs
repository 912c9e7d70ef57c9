using MedicalImaging.Imaging;

namespace MedicalImaging.Server.Domain;

/// <summary>A structured radiology-style report, as stored.</summary>
public sealed record MedicalReport
{
    public required string Id { get; init; }
    public required string AnalysisId { get; init; }
    public required string OwnerId { get; init; }
    public string? CaseId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string Modality { get; init; }
    public string? BodyPart { get; init; }
    public ClinicalContextInfo? ClinicalContext { get; init; }
    public required string Technique { get; init; }
    public required string Comparison { get; init; }
    public required IReadOnlyList<ReportFinding> Findings { get; init; }
    public required string Impression { get; init; }
    public required IReadOnlyList<string> Recommendations { get; init; }
    public required IReadOnlyList<string> Limitations { get; init; }
    public required string Disclaimer { get; init; }
    public required FindingSeverity OverallSeverity { get; init; }
    public required IReadOnlyList<string> KeyFindings { get; init; }
    public required string ReportText { get; init; }
    public required IReadOnlyList<LiteratureCitation> Citations { get; init; }
    public required IReadOnlyList<AnalyzedImage> Images { get; init; }
    public required ReportProvenance Provenance { get; init; }

    /// <summary>Identifies identical requests (same images, options and context) for the cache.</summary>
    public required string CacheKey { get; init; }

    /// <summary>True while the report waits in the local outbox for the report store (Neo4j) to come back; never stored.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool StoragePending { get; init; }
}
