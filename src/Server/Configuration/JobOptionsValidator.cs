using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Configuration;

/// <summary>Fails start-up with a message naming the bad job setting.</summary>
public sealed class JobOptionsValidator : IValidateOptions<JobOptions>
{
    public ValidateOptionsResult Validate(string? name, JobOptions options)
    {
        var errors = new List<string>();
        if (options.ShutdownGraceSeconds is < 0 or > 3600) { errors.Add($"SHUTDOWN_GRACE_SECONDS={options.ShutdownGraceSeconds} must be 0..3600."); }
        if (options.AnalysisRetentionMinutes is < 1 or > 10_080) { errors.Add($"ANALYSIS_RETENTION_MINUTES={options.AnalysisRetentionMinutes} must be 1..10080 (a week)."); }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
