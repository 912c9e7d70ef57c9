namespace MedicalImaging.Server.Providers.Chain;

/// <summary>Why a provider attempt failed, and what that means for retries and the circuit.</summary>
/// <param name="Outcome">timeout, rate_limited, server_error, unauthorized, payment_required, quota_exhausted, model_unavailable,
/// content_flagged, request_too_large, stream_error, stream_incomplete, invalid_response, connection_failed, error.</param>
/// <param name="Transient">Worth retrying against the same provider.</param>
/// <param name="LongCooldown">Opens the circuit for the long cool-down (credentials, payment, daily quota, retired model).</param>
/// <param name="RetryAfter">The provider's own hint (Retry-After header, Gemini RetryInfo, Groq x-ratelimit-reset), when given.</param>
/// <param name="Message">What happened, for provenance (never contains request content).</param>
public sealed record ProviderFailure(string Outcome, bool Transient, bool LongCooldown, TimeSpan? RetryAfter, string Message)
{
    /// <summary>
    /// The failure is about this request (a moderation flag on this input, a body too large), not about the
    /// provider: the request moves on, but the circuit breaker does not count it against the provider for everyone.
    /// </summary>
    public bool RequestSpecific { get; init; }

    /// <summary>An operator-facing warning for GetHealth, naming the setting to change (e.g. a retired model).</summary>
    public string? HealthWarning { get; init; }
}
