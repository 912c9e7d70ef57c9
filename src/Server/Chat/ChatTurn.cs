namespace MedicalImaging.Server.Chat;

/// <summary>One stored chat message about a report; Role is "user" or "assistant".</summary>
public sealed record ChatTurn(
    string Id,
    string ReportId,
    string OwnerId,
    string Role,
    string Content,
    IReadOnlyList<string> CitedPmids,
    IReadOnlyList<string> FindingIds,
    string? Provider,
    DateTimeOffset CreatedAt);
