namespace MedicalImaging.Server.Domain;

/// <summary>The caller exceeded its rate limit; maps to RESOURCE_EXHAUSTED (HTTP 429) with retry info.</summary>
public sealed class RateLimitExceededException : Exception
{
    public RateLimitExceededException(string message, TimeSpan retryAfter) : base(message) => RetryAfter = retryAfter;

    /// <summary>When the caller may try again.</summary>
    public TimeSpan RetryAfter { get; }
}
