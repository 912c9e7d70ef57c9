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

/// <summary>A page of reports, newest first.</summary>
/// <param name="Reports">The reports.</param>
/// <param name="NextPageToken">Token of the next page, or null on the last.</param>
public sealed record ReportPage(IReadOnlyList<ReportSummary> Reports, string? NextPageToken);

/// <summary>A similar past case.</summary>
/// <param name="ReportId">Its report.</param>
/// <param name="Score">Cosine similarity (−1 to 1).</param>
/// <param name="Modality">Modality.</param>
/// <param name="Impression">Impression.</param>
/// <param name="CreatedAt">When written.</param>
/// <param name="SharedAnatomy">Anatomy both mention.</param>
/// <param name="Reason">Why it is similar.</param>
/// <param name="SharedConditions">Conditions both mention (words of the findings, not diagnoses).</param>
public sealed record SimilarCase(string ReportId, double Score, string Modality, string Impression, DateTimeOffset CreatedAt, IReadOnlyList<string> SharedAnatomy, string Reason, IReadOnlyList<string> SharedConditions);

/// <summary>An uploaded image.</summary>
/// <param name="ImageId">SHA-256 content address.</param>
/// <param name="SizeBytes">Bytes stored.</param>
/// <param name="Deduplicated">True when the caller had already stored identical bytes (never says whether another user had).</param>
public sealed record UploadedImage(string ImageId, long SizeBytes, bool Deduplicated);

/// <summary>The service's health.</summary>
/// <param name="Status">serving, degraded or not_serving.</param>
/// <param name="Version">Server version.</param>
/// <param name="Providers">The provider chain.</param>
/// <param name="DatabaseProvider">sqlite or neo4j.</param>
/// <param name="DatabaseHealthy">True when the store answered.</param>
/// <param name="IndexedReports">The caller's own reports in the similar-case index.</param>
/// <param name="Details">True when the call carried a valid token: without one the server answers the status only
/// (serving or not_serving) and the other fields are empty.</param>
public sealed record HealthStatus(string Status, string Version, IReadOnlyList<ProviderStatus> Providers, string DatabaseProvider, bool DatabaseHealthy, long IndexedReports, bool Details)
{
    /// <summary>Reports the server keeps in its local outbox until its report store takes them (0 when none).</summary>
    public long OutboxDepth { get; init; }
}

/// <summary>One provider's state.</summary>
/// <param name="Name">Provider.</param>
/// <param name="Model">Model.</param>
/// <param name="CircuitState">closed, open or half_open.</param>
/// <param name="SuccessRate">Recent success share.</param>
/// <param name="Warning">What the operator should change, naming the setting (e.g. a retired model); null when nothing is wrong.</param>
public sealed record ProviderStatus(string Name, string Model, string CircuitState, double SuccessRate, string? Warning = null);

/// <summary>A piece of a chat reply, or (last) the complete reply.</summary>
/// <param name="Delta">The next text, or null on the final event.</param>
/// <param name="Reply">The complete reply, on the final event.</param>
public sealed record ChatUpdate(string? Delta, ChatReply? Reply);

/// <summary>A complete chat reply.</summary>
/// <param name="Content">The text.</param>
/// <param name="Provider">Who wrote it.</param>
/// <param name="FindingIds">Findings it relied on.</param>
/// <param name="CitedPmids">Citations it relied on.</param>
/// <param name="Model">The model that actually answered (it can differ from the configured one); "local" for the local fallback; null when the server did not say.</param>
/// <param name="UnverifiedReferencesRemoved">How many invented references were replaced with "[unverified reference removed]" in <paramref name="Content"/>.</param>
public sealed record ChatReply(string Content, string Provider, IReadOnlyList<string> FindingIds, IReadOnlyList<string> CitedPmids, string? Model = null, int UnverifiedReferencesRemoved = 0);
