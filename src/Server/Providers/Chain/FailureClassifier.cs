using System.ClientModel;
using System.Net.Sockets;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace MedicalImaging.Server.Providers.Chain;

/// <summary>
/// Turns what a provider call threw into a <see cref="ProviderFailure"/>. Each provider's client already turns its
/// HTTP errors into <see cref="ProviderException"/>s by its own dialect (<see cref="ProviderErrorChatClient"/>), so
/// callers that only hold the exception get the provider-specific class too.
/// </summary>
public static class FailureClassifier
{
    public static ProviderFailure Classify(Exception exception, TimeProvider time) =>
        Classify(exception, time, ProviderDialect.OpenAi, "provider", "model");

    /// <param name="exception">What the call threw.</param>
    /// <param name="time">For HTTP-date Retry-After values.</param>
    /// <param name="dialect">Whose documented error shapes to read an HTTP error by (<see cref="ProviderDialect"/>).</param>
    /// <param name="provider">The provider's name (names the setting in a health warning).</param>
    /// <param name="model">The model the request named.</param>
    public static ProviderFailure Classify(Exception exception, TimeProvider time, string dialect, string provider, string model)
    {
        switch (exception)
        {
            case ProviderException known:
                return known.Failure;
            case TimeoutRejectedException:
                return new ProviderFailure("timeout", true, false, null, "The provider did not answer within the per-attempt timeout.");
            case BrokenCircuitException broken:
                return new ProviderFailure("circuit_open", false, false, broken.RetryAfter, "The provider's circuit is open after recent failures.");
            case RateLimiterRejectedException limited:
                return new ProviderFailure("rate_limited_locally", false, false, limited.RetryAfter, "This server's own rate limit for the provider was reached.");
            case ClientResultException result:
                return FromStatus(result, time, dialect, provider, model);
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

    private static ProviderFailure FromStatus(ClientResultException exception, TimeProvider time, string dialect, string provider, string model)
    {
        var response = exception.GetRawResponse();
        string? body = null;
        try
        {
            body = response?.Content?.ToString();
        }
        catch (InvalidOperationException)
        {
            // The body was a stream that is gone; the status and headers decide.
        }

        if (exception.Status == 0)
        {
            return new ProviderFailure("connection_failed", true, false, null, "No response from the provider: " + exception.Message);
        }

        return HttpFailureClassifier.Classify(
            dialect, provider, model, exception.Status, body,
            name => response is not null && response.Headers.TryGetValue(name, out var value) ? value : null,
            time.GetUtcNow());
    }
}
