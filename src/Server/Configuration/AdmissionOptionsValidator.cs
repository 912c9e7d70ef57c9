using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Configuration;

/// <summary>Fails start-up with a message naming the bad admission or stored-data setting.</summary>
public sealed class AdmissionOptionsValidator : IValidateOptions<AdmissionOptions>, IValidateOptions<StoredDataOptions>
{
    public ValidateOptionsResult Validate(string? name, AdmissionOptions options)
    {
        var errors = new List<string>();
        if (options.MemoryBudgetMb is < 64) { errors.Add($"ANALYSIS_MEMORY_BUDGET_MB={options.MemoryBudgetMb} must be ≥ 64."); }
        if (options.MaxConcurrentAnalyses is < 1 or > 1024) { errors.Add($"MAX_CONCURRENT_ANALYSES={options.MaxConcurrentAnalyses} must be 1..1024."); }
        if (options.QueueLength is < 0 or > 10_000) { errors.Add($"ADMISSION_QUEUE_LENGTH={options.QueueLength} must be 0..10000."); }
        if (options.QueueTimeoutSeconds is < 0 or > 3600) { errors.Add($"ADMISSION_QUEUE_TIMEOUT_SECONDS={options.QueueTimeoutSeconds} must be 0..3600."); }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public ValidateOptionsResult Validate(string? name, StoredDataOptions options)
    {
        var errors = new List<string>();
        if (options.UserStorageQuotaMb < 0) { errors.Add($"USER_STORAGE_QUOTA_MB={options.UserStorageQuotaMb} must be ≥ 0 (0: no quota)."); }
        if (options.UploadIdleTimeoutSeconds is < 1 or > 3600) { errors.Add($"UPLOAD_IDLE_TIMEOUT_SECONDS={options.UploadIdleTimeoutSeconds} must be 1..3600."); }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
