using MedicalImaging.Imaging;

namespace MedicalImaging.Server.Reports;

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
    string Provider);
