using MedicalImaging.Server.Providers.Chain;

namespace MedicalImaging.Server.Tests.Providers.Chain;

/// <summary>
/// Every shape of retry hint a provider sends (Retry-After seconds or HTTP date, Gemini's RetryInfo in the body, Groq's
/// Go durations) and every shape it must survive (garbage, negative, past dates, values no TimeSpan holds).
/// </summary>
public sealed class RetryAfterParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0", 0)]
    [InlineData("7", 7)]
    [InlineData("1.5", 1.5)]
    [InlineData(" 30 ", 30)]
    public void FromHeader_Seconds_ParseToThatManySeconds(string value, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryAfterParser.FromHeader(value, Now));

    [Fact]
    public void FromHeader_HttpDateInTheFuture_IsTheTimeUntilThen() =>
        Assert.Equal(TimeSpan.FromSeconds(90), RetryAfterParser.FromHeader("Sat, 05 Dec 2026 12:01:30 GMT", Now));

    [Theory]
    [InlineData("Sat, 05 Dec 2026 11:59:00 GMT")]
    [InlineData("Sat, 05 Dec 2026 12:00:00 GMT")]
    public void FromHeader_HttpDateNowOrPast_IsNoHint(string value) =>
        Assert.Null(RetryAfterParser.FromHeader(value, Now));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("NaN")]
    [InlineData("7 seconds")]
    public void FromHeader_GarbageOrNegative_IsNoHint(string? value) =>
        Assert.Null(RetryAfterParser.FromHeader(value, Now));

    [Theory]
    [InlineData("99999999999999999999")]
    [InlineData("1e300")]
    [InlineData("Infinity")]
    public void FromHeader_ValueNoTimeSpanHolds_IsCappedNotThrown(string value)
    {
        var delay = RetryAfterParser.FromHeader(value, Now);
        Assert.Equal(RetryAfterParser.MaxHint, delay);
    }

    [Fact]
    public void FromHeader_LargeButRepresentable_IsCappedAtTheMaximumHint() =>
        Assert.Equal(RetryAfterParser.MaxHint, RetryAfterParser.FromHeader("31536000", Now));

    [Fact]
    public void FromBody_GeminiRetryInfo_IsItsRetryDelay()
    {
        const string body = """
            {"error":{"code":429,"status":"RESOURCE_EXHAUSTED","details":[
              {"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaId":"GenerateRequestsPerMinutePerProjectPerModel"}]},
              {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"37s"}]}}
            """;
        Assert.Equal(TimeSpan.FromSeconds(37), RetryAfterParser.FromBody(body));
    }

    [Fact]
    public void FromBody_FractionalRetryDelay_KeepsTheFraction() =>
        Assert.Equal(TimeSpan.FromSeconds(0.25), RetryAfterParser.FromBody("""{"retryDelay":"0.25s"}"""));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("""{"error":{"code":429}}""")]
    [InlineData("""{"retryDelay": 7}""")]
    [InlineData("""{"retryDelay":"later"}""")]
    [InlineData("""{"retryDelay":"-3s"}""")]
    [InlineData("{\"retryDelay\":\"7s\"")]
    [InlineData("<html>retryDelay</html>")]
    public void FromBody_NoUsableRetryDelay_IsNoHint(string? body) =>
        Assert.Null(RetryAfterParser.FromBody(body));

    [Fact]
    public void FromBody_HugeRetryDelay_IsCappedNotThrown() =>
        Assert.Equal(RetryAfterParser.MaxHint, RetryAfterParser.FromBody("""{"retryDelay":"1e400s"}"""));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5s")]
    [InlineData("5 s")]
    public void FromGoDuration_Garbage_IsNoHint(string? value) =>
        Assert.Null(RetryAfterParser.FromGoDuration(value));

    [Fact]
    public void FromGoDuration_HugeHours_IsCappedNotThrown() =>
        Assert.Equal(RetryAfterParser.MaxHint, RetryAfterParser.FromGoDuration("999999999999h"));

    [Fact]
    public void Classify_GroqRequestsExhausted_ReadsTheRequestsResetHeader()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["x-ratelimit-remaining-requests"] = "0",
            ["x-ratelimit-reset-requests"] = "2m59.56s",
            ["x-ratelimit-reset-tokens"] = "7.66s",
        };
        var failure = HttpFailureClassifier.Classify(ProviderDialect.Groq, "groq", "m", 429, null, name => headers.GetValueOrDefault(name), Now);
        Assert.Equal(179.56, failure.RetryAfter!.Value.TotalSeconds, 3);
    }

    [Fact]
    public void Classify_RetryAfterHeaderAndBodyHint_TheHeaderWins()
    {
        const string body = """{"error":{"details":[{"retryDelay":"40s"}]}}""";
        var failure = HttpFailureClassifier.Classify(ProviderDialect.Gemini, "gemini", "m", 429, body, name => name == "Retry-After" ? "3" : null, Now);
        Assert.Equal(TimeSpan.FromSeconds(3), failure.RetryAfter);
    }

    [Fact]
    public void Classify_OpenRouterRateLimitWithoutRetryAfter_HasNoHintFromGroqHeaders()
    {
        // x-ratelimit-reset is Groq's header; OpenRouter's 429 without Retry-After gives no hint (the chain backs off).
        var failure = HttpFailureClassifier.Classify(
            ProviderDialect.OpenRouter, "openrouter", "m", 429, null, name => name == "x-ratelimit-reset-requests" ? "30s" : null, Now);
        Assert.Equal("rate_limited", failure.Outcome);
        Assert.Null(failure.RetryAfter);
    }
}
