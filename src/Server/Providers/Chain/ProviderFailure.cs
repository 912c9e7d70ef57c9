namespace MedicalImaging.Server.Providers.Chain;

/// <summary>Why a provider attempt failed, and what that means for retries and the circuit.</summary>
/// <param name="Outcome">timeout, rate_limited, server_error, unauthorized, payment_required, quota_exhausted, invalid_response, connection_failed, error.</param>
/// <param name="Transient">Worth retrying against the same provider.</param>
/// <param name="LongCooldown">Opens the circuit for the long cool-down (credentials, payment, quota).</param>
/// <param name="RetryAfter">The provider's own hint (Retry-After header or Gemini RetryInfo), when given.</param>
/// <param name="Message">What happened, for provenance (never contains request content).</param>
public sealed record ProviderFailure(string Outcome, bool Transient, bool LongCooldown, TimeSpan? RetryAfter, string Message);
