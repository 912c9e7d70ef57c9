using Microsoft.Extensions.Configuration;

namespace MedicalImaging.Server.Configuration;

/// <summary>
/// How much analysis work the process takes on at once (hostile or merely huge input must not sink the
/// host), bound from the environment. Defaults are stated on each property.
/// </summary>
public sealed class AdmissionOptions
{
    /// <summary>
    /// Share of the memory available to the process (cgroup-aware, from the GC) that analyses may hold
    /// when <see cref="MemoryBudgetMb"/> is not set: half, leaving room for the runtime, caches and requests.
    /// </summary>
    public const double DefaultBudgetShare = 0.5;

    /// <summary>
    /// A deflated DICOM dataset may inflate to this multiple of MAX_IMAGE_SIZE_MB and no more (4: 200 MB
    /// with the default 50 MB). Real deflated files shrink 2-3x; a bomb shrinks 1000x.
    /// </summary>
    public const int InflatedSizeMultiple = 4;

    /// <summary>Memory all running analyses may hold together, in MB. Default: half the memory available to the process.</summary>
    [ConfigurationKeyName("ANALYSIS_MEMORY_BUDGET_MB")]
    public int? MemoryBudgetMb { get; set; }

    /// <summary>Analyses that run at once, server-wide. Default: the processor count.</summary>
    [ConfigurationKeyName("MAX_CONCURRENT_ANALYSES")]
    public int? MaxConcurrentAnalyses { get; set; }

    /// <summary>Analyses that may wait for memory or a slot; one more is refused at once (RESOURCE_EXHAUSTED). Default 32.</summary>
    [ConfigurationKeyName("ADMISSION_QUEUE_LENGTH")]
    public int QueueLength { get; set; } = 32;

    /// <summary>Seconds an analysis waits in the queue before it is refused (RESOURCE_EXHAUSTED with RetryInfo). Default 30.</summary>
    [ConfigurationKeyName("ADMISSION_QUEUE_TIMEOUT_SECONDS")]
    public int QueueTimeoutSeconds { get; set; } = 30;

    /// <summary>The budget in bytes: the setting, or <see cref="DefaultBudgetShare"/> of the memory available to the process.</summary>
    public long ResolvedBudgetBytes => MemoryBudgetMb is { } mb
        ? mb * 1024L * 1024L
        : (long)(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes * DefaultBudgetShare);

    /// <summary>The concurrency limit: the setting, or the processor count.</summary>
    public int ResolvedMaxConcurrent => MaxConcurrentAnalyses ?? Environment.ProcessorCount;
}
