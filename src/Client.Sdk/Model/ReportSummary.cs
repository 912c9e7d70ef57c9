namespace MedicalImaging.Client;

/// <summary>One line of a report list.</summary>
/// <param name="Id">Report id.</param>
/// <param name="CaseId">Your case id.</param>
/// <param name="CreatedAt">When written.</param>
/// <param name="Modality">Modality.</param>
/// <param name="BodyPart">Body part.</param>
/// <param name="Impression">Impression.</param>
/// <param name="OverallSeverity">Overall severity.</param>
/// <param name="FindingCount">Number of findings.</param>
/// <param name="Provider">Provider.</param>
public sealed record ReportSummary(string Id, string? CaseId, DateTimeOffset CreatedAt, string Modality, string? BodyPart, string Impression, string OverallSeverity, int FindingCount, string Provider)
{
    /// <summary>True while the server keeps the report in its local outbox (see <see cref="MedicalReport.StoragePending"/>).</summary>
    public bool StoragePending { get; init; }
}
