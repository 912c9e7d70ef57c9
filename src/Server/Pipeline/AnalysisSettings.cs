namespace MedicalImaging.Server.Pipeline;

/// <summary>Per-request tuning.</summary>
/// <param name="SkipCache">Force a new analysis.</param>
/// <param name="MaxDimension">Longest side of the provider image (64..4096; default 1024).</param>
/// <param name="WindowPreset">Forced CT window preset, or null.</param>
public sealed record AnalysisSettings(bool SkipCache, int MaxDimension, string? WindowPreset)
{
    /// <summary>Default longest side of the provider image.</summary>
    public const int DefaultMaxDimension = 1024;
}
