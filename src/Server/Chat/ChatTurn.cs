namespace MedicalImaging.Server.Chat;

/// <summary>One stored chat message about a report; Role is "user" or "assistant".</summary>
/// <param name="Id">The message id.</param>
/// <param name="ReportId">The report discussed.</param>
/// <param name="OwnerId">The user whose conversation it is.</param>
/// <param name="Role">"user" or "assistant".</param>
/// <param name="Content">The text (for a reply, after unverified references were replaced).</param>
/// <param name="CitedPmids">The report's citations the reply relied on.</param>
/// <param name="FindingIds">The report's findings the reply relied on.</param>
/// <param name="Provider">The provider that wrote an assistant reply; null for the user's message.</param>
/// <param name="CreatedAt">When it was written.</param>
/// <param name="Model">
/// For an assistant reply, the model that actually answered (the response's own model id, which can differ from
/// the configured one when a router such as OpenRouter serves another model); "local" for the local fallback.
/// </param>
/// <param name="UnverifiedReferencesRemoved">
/// How many references the reply invented (not among the report's verified citations) were replaced with
/// "[unverified reference removed]", so the replacement is counted, not only marked in the text.
/// </param>
public sealed record ChatTurn(
    string Id,
    string ReportId,
    string OwnerId,
    string Role,
    string Content,
    IReadOnlyList<string> CitedPmids,
    IReadOnlyList<string> FindingIds,
    string? Provider,
    DateTimeOffset CreatedAt,
    string? Model = null,
    int UnverifiedReferencesRemoved = 0);
