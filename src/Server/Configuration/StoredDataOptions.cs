using Microsoft.Extensions.Configuration;

namespace MedicalImaging.Server.Configuration;

/// <summary>Limits on what users store (uploads), bound from the environment. Defaults are stated on each property.</summary>
public sealed class StoredDataOptions
{
    /// <summary>Bytes of uploaded images one user may keep, in MB; 0 means no quota. Default 2048.</summary>
    [ConfigurationKeyName("USER_STORAGE_QUOTA_MB")]
    public int UserStorageQuotaMb { get; set; } = 2048;

    /// <summary>Seconds an upload may go without a chunk before it is cut off and its temp file removed. Default 30.</summary>
    [ConfigurationKeyName("UPLOAD_IDLE_TIMEOUT_SECONDS")]
    public int UploadIdleTimeoutSeconds { get; set; } = 30;

    /// <summary>The quota in bytes; long.MaxValue when there is none.</summary>
    public long UserStorageQuotaBytes => UserStorageQuotaMb == 0 ? long.MaxValue : UserStorageQuotaMb * 1024L * 1024L;
}
