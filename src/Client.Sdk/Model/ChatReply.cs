namespace MedicalImaging.Client;

/// <summary>A complete chat reply.</summary>
/// <param name="Content">The text.</param>
/// <param name="Provider">Who wrote it.</param>
/// <param name="FindingIds">Findings it relied on.</param>
/// <param name="CitedPmids">Citations it relied on.</param>
/// <param name="Model">The model that actually answered (it can differ from the configured one); "local" for the local fallback; null when the server did not say.</param>
/// <param name="UnverifiedReferencesRemoved">How many invented references were replaced with "[unverified reference removed]" in <paramref name="Content"/>.</param>
public sealed record ChatReply(string Content, string Provider, IReadOnlyList<string> FindingIds, IReadOnlyList<string> CitedPmids, string? Model = null, int UnverifiedReferencesRemoved = 0);
