namespace MedicalImaging.Server.Domain;

/// <summary>
/// The server (or the caller's share of it) is full: analyses queued past their limit, or a storage quota.
/// Maps to RESOURCE_EXHAUSTED (HTTP 429), with RetryInfo when waiting can help.
/// </summary>
public sealed class CapacityExceededException : Exception
{
    public CapacityExceededException(string message, TimeSpan? retryAfter) : base(message) => RetryAfter = retryAfter;

    /// <summary>When trying again may succeed; null when only freeing space helps (a quota).</summary>
    public TimeSpan? RetryAfter { get; }
}
