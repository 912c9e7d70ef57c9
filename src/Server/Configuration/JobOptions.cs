using Microsoft.Extensions.Configuration;

namespace MedicalImaging.Server.Configuration;

/// <summary>Durable analyses and shutdown, bound from the environment. Defaults are stated on each property.</summary>
public sealed class JobOptions
{
    /// <summary>
    /// Seconds a stopping server gives running stages to reach their next checkpoint before it cancels them
    /// (they resume from their last checkpoint at the next start). Default 20; 0 stops at once.
    /// </summary>
    [ConfigurationKeyName("SHUTDOWN_GRACE_SECONDS")]
    public int ShutdownGraceSeconds { get; set; } = 20;

    /// <summary>
    /// Minutes a finished analysis stays watchable (WatchAnalysis, REST events, WebSocket) and its job row,
    /// events and checkpoints (patient-derived text) are kept; then they are deleted. Also how long a
    /// request_id is remembered. Default 30.
    /// </summary>
    [ConfigurationKeyName("ANALYSIS_RETENTION_MINUTES")]
    public int AnalysisRetentionMinutes { get; set; } = 30;

    /// <summary>The grace as a span.</summary>
    public TimeSpan ShutdownGrace => TimeSpan.FromSeconds(ShutdownGraceSeconds);

    /// <summary>The retention as a span.</summary>
    public TimeSpan Retention => TimeSpan.FromMinutes(AnalysisRetentionMinutes);
}
