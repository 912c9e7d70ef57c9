using System.ClientModel;
using System.Net.Sockets;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace MedicalImaging.Server.Providers.Chain;

/// <summary>Turns what a provider call threw into a <see cref="ProviderFailure"/>.</summary>
public static class FailureClassifier
{
    public static ProviderFailure Classify(Exception exception, TimeProvider time)
    {
        switch (exception)
        {
            case ProviderException provider:
                return provider.Failure;
            case TimeoutRejectedException:
                return new ProviderFailure("timeout", true, false, null, "The provider did not answer within the per-attempt timeout.");
            case BrokenCircuitException broken:
                return new ProviderFailure("circuit_open", false, false, broken.RetryAfter, "The provider's circuit is open after recent failures.");
            case RateLimiterRejectedException limited:
                return new ProviderFailure("rate_limited_locally", false, false, limited.RetryAfter, "This server's own rate limit for the provider was reached.");
            case ClientResultException result:
                return FromStatus(result, time);
            case HttpRequestException { InnerException: SocketException } or HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError }:
                return new ProviderFailure("connection_failed", true, false, null, "Could not connect to the provider: " + exception.Message);
            case HttpRequestException http:
                return new ProviderFailure("connection_failed", true, false, null, "HTTP failure talking to the provider: " + http.Message);
            case IOException io:
                return new ProviderFailure("connection_failed", true, false, null, "The connection to the provider broke: " + io.Message);
            default:
                return new ProviderFailure("error", false, false, null, exception.GetType().Name + ": " + exception.Message);
        }
    }

    private static ProviderFailure FromStatus(ClientResultException exception, TimeProvider time)
    {
        var response = exception.GetRawResponse();
        string? body = null;
        string? retryAfterHeader = null;
        try
        {
            body = response?.Content?.ToString();
            response?.Headers.TryGetValue("Retry-After", out retryAfterHeader);
        }
        catch (InvalidOperationException)
        {
            // The body was a stream that is gone; the status code is enough.
        }

        var retryAfter = RetryAfterParser.FromHeader(retryAfterHeader, time.GetUtcNow()) ?? RetryAfterParser.FromBody(body);
        var status = exception.Status;
        var quota = body is not null && (body.Contains("RESOURCE_EXHAUSTED", StringComparison.Ordinal) || body.Contains("insufficient_quota", StringComparison.Ordinal))
            && body.Contains("quota", StringComparison.OrdinalIgnoreCase) && retryAfter is null;
        return status switch
        {
            401 or 403 => new ProviderFailure("unauthorized", false, true, null, $"HTTP {status}: the provider refused the credentials."),
            402 => new ProviderFailure("payment_required", false, true, null, "HTTP 402: the provider account needs credit."),
            429 when quota => new ProviderFailure("quota_exhausted", false, true, null, "HTTP 429: the provider quota is exhausted."),
            429 => new ProviderFailure("rate_limited", true, false, retryAfter, "HTTP 429: the provider is rate limiting" + (retryAfter is { } a ? $" (retry after {a.TotalSeconds:0.#} s)." : ".")),
            408 or >= 500 => new ProviderFailure("server_error", true, false, retryAfter, $"HTTP {status}: the provider failed."),
            0 => new ProviderFailure("connection_failed", true, false, null, "No response from the provider: " + exception.Message),
            _ => new ProviderFailure("error", false, false, null, $"HTTP {status}: the provider rejected the request."),
        };
    }
}
