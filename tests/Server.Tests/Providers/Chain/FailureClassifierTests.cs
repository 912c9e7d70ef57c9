using System.Net.Sockets;
using System.Threading.RateLimiting;
using MedicalImaging.Server.Providers.Chain;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace MedicalImaging.Server.Tests.Providers.Chain;

/// <summary>
/// What each failure means for the chain: <c>Transient</c> retries the same provider, <c>LongCooldown</c> opens its
/// circuit for the long cool-down, everything else moves on. The per-provider documented bodies are in
/// Providers/Classification; this table covers the statuses and exceptions every dialect shares.
/// </summary>
public sealed class FailureClassifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(401, "unauthorized", false, true)]
    [InlineData(402, "payment_required", false, true)]
    [InlineData(403, "unauthorized", false, true)]
    [InlineData(404, "model_unavailable", false, true)]
    [InlineData(408, "timeout", true, false)]
    [InlineData(429, "rate_limited", true, false)]
    [InlineData(500, "server_error", true, false)]
    [InlineData(503, "server_error", true, false)]
    [InlineData(400, "error", false, false)]
    [InlineData(0, "connection_failed", true, false)]
    public void Classify_HttpStatus_HasItsOutcome(int status, string outcome, bool transient, bool longCooldown)
    {
        var failure = HttpFailureClassifier.Classify(ProviderDialect.OpenAi, "openai", "m", status, null, _ => null, Now);
        Assert.Equal((outcome, transient, longCooldown), (failure.Outcome, failure.Transient, failure.LongCooldown));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(429)]
    public void Classify_InvalidJsonBody_TheStatusDecides(int status)
    {
        var failure = HttpFailureClassifier.Classify(ProviderDialect.Gemini, "gemini", "m", status, "<html><body>502 Bad Gateway{", _ => null, Now);
        Assert.True(failure.Transient, failure.Outcome);
        Assert.False(failure.LongCooldown);
        Assert.Null(failure.RetryAfter);
    }

    [Fact]
    public void Classify_503WithRetryAfter_CarriesTheHint() =>
        Assert.Equal(
            TimeSpan.FromSeconds(12),
            HttpFailureClassifier.Classify(ProviderDialect.OpenAi, "openai", "m", 503, null, n => n == "Retry-After" ? "12" : null, Now).RetryAfter);

    [Fact]
    public void Classify_OpenAiInsufficientQuota_IsQuotaExhaustedWithLongCooldown()
    {
        const string body = """{"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"insufficient_quota"}}""";
        var failure = HttpFailureClassifier.Classify(ProviderDialect.OpenAi, "openai", "m", 429, body, _ => null, Now);
        Assert.Equal(("quota_exhausted", false, true), (failure.Outcome, failure.Transient, failure.LongCooldown));
    }

    [Fact]
    public void Classify_PollyTimeout_IsTransientTimeout()
    {
        var failure = FailureClassifier.Classify(new TimeoutRejectedException(), TimeProvider.System);
        Assert.Equal(("timeout", true, false), (failure.Outcome, failure.Transient, failure.LongCooldown));
    }

    [Fact]
    public void Classify_OpenCircuit_IsNotRetriedAndCarriesTheCircuitsRetryAfter()
    {
        var failure = FailureClassifier.Classify(new BrokenCircuitException("open", TimeSpan.FromSeconds(30)), TimeProvider.System);
        Assert.Equal(("circuit_open", false), (failure.Outcome, failure.Transient));
        Assert.Equal(TimeSpan.FromSeconds(30), failure.RetryAfter);
    }

    [Fact]
    public void Classify_LocalRateLimit_IsRateLimitedLocallyWithItsRetryAfter()
    {
        var failure = FailureClassifier.Classify(new RateLimiterRejectedException(TimeSpan.FromSeconds(4)), TimeProvider.System);
        Assert.Equal(("rate_limited_locally", false), (failure.Outcome, failure.Transient));
        Assert.Equal(TimeSpan.FromSeconds(4), failure.RetryAfter);
    }

    [Fact]
    public void Classify_ConnectionRefused_IsTransientConnectionFailure()
    {
        var refused = new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused));
        var failure = FailureClassifier.Classify(refused, TimeProvider.System);
        Assert.Equal(("connection_failed", true), (failure.Outcome, failure.Transient));
    }

    [Fact]
    public void Classify_BrokenStream_IsTransientConnectionFailure()
    {
        var failure = FailureClassifier.Classify(new IOException("reset by peer"), TimeProvider.System);
        Assert.Equal(("connection_failed", true), (failure.Outcome, failure.Transient));
    }

    [Fact]
    public void Classify_ProviderException_KeepsItsOwnFailure()
    {
        var known = new ProviderFailure("content_flagged", false, false, null, "flagged") { RequestSpecific = true };
        Assert.Same(known, FailureClassifier.Classify(new ProviderException(known), TimeProvider.System));
    }

    [Fact]
    public void Classify_Cancellation_IsNeitherRetriedNorACooldown()
    {
        // The chain rethrows the caller's own cancellation before classifying; what reaches the classifier is some
        // other component's cancellation, which must not retry in a loop nor bench the provider.
        var failure = FailureClassifier.Classify(new OperationCanceledException(), TimeProvider.System);
        Assert.False(failure.Transient);
        Assert.False(failure.LongCooldown);
    }

    [Fact]
    public void Classify_InvalidJsonFromTheSdk_IsAnErrorThatMovesOn()
    {
        var failure = FailureClassifier.Classify(new System.Text.Json.JsonException("'<' is an invalid start of a value."), TimeProvider.System);
        Assert.Equal(("error", false, false), (failure.Outcome, failure.Transient, failure.LongCooldown));
        Assert.Contains("JsonException", failure.Message, StringComparison.Ordinal);
    }
}
