using MedicalImaging.Imaging;

namespace MedicalImaging.Server.Domain;

/// <summary>One line of a report list.</summary>
public sealed record ReportSummaryInfo(
    string Id,
    string? CaseId,
    DateTimeOffset CreatedAt,
    string Modality,
    string? BodyPart,
    string Impression,
    FindingSeverity OverallSeverity,
    int FindingCount,
    string Provider)
{
    /// <summary>True while the report waits in the local outbox for the report store (Neo4j) to come back.</summary>
    public bool StoragePending { get; init; }
}
