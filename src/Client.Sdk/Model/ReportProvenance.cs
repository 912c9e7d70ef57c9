namespace MedicalImaging.Client;

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
