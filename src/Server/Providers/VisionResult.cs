using MedicalImaging.Server.Domain;

namespace MedicalImaging.Server.Providers;

/// <summary>What the vision step found and who answered.</summary>
public sealed record VisionResult(
    string Provider,
    string Model,
    bool Degraded,
    IReadOnlyList<ReportFinding> Findings,
    IReadOnlyList<ProviderAttemptRecord> Attempts)
{
    /// <summary>SHA-256 of each prompt used, by prompt name.</summary>
    public IReadOnlyDictionary<string, string> PromptHashes { get; init; } = new Dictionary<string, string>();
}
