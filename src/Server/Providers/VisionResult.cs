using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Providers.Local;

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

    /// <summary>
    /// True when the local quantitative provider produced the findings (measurements and a template, no AI model): the
    /// report says so, no AI model writes its narrative, and there are no model regions to fuse into heatmaps. The one
    /// place that knows <see cref="LocalVisionAnalyzer.ProviderName"/> means local; it also holds for checkpoints written
    /// before this property existed.
    /// </summary>
    public bool IsLocal { get; init; } = Provider == LocalVisionAnalyzer.ProviderName;
}
