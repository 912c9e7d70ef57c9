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
