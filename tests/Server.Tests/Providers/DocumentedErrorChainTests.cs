using MedicalImaging.Contracts.V1;
using MedicalImaging.Tests.Support.Fakes;
using MedicalImaging.Tests.Support.Fakes.Wire;

namespace MedicalImaging.Server.Tests.Providers;

/// <summary>
/// The provider chain, through real Kestrel, against fakes answering with each provider's documented error shapes
/// (<see cref="GroqWire"/>, <see cref="OpenRouterWire"/>, <see cref="GeminiWire"/>).
/// </summary>
public sealed class DocumentedErrorChainTests
{
    private static IEnumerable<string> Outcomes(Report report, string provider) =>
        report.Provenance.Attempts.Where(a => a.Provider == provider && a.Purpose == "vision").Select(a => a.Outcome);

    [Fact]
    public async Task GroqModelNotFound_LongCooldownAndHealthWarningNamingGroqModel()
    {
        await using var h = await ChainHarness.StartAsync(new()
        {
            ["AI_PROVIDER_ORDER"] = "groq,local",
            ["GROQ_MODEL"] = "meta-llama/llama-4-scout-17b-16e-instruct",
        });
        h.Groq.Default = GroqWire.ModelNotFound().ToBehavior();
        var first = (await h.AnalyzeAsync()).Report;
        var second = (await h.AnalyzeAsync()).Report;

        Assert.Equal(["model_unavailable"], Outcomes(first, "groq"));
        Assert.Single(h.Groq.Requests);
        Assert.Equal(["circuit_open"], Outcomes(second, "groq"));
        Assert.Equal("local", second.Provenance.Provider);
        var groq = (await h.Client.GetHealthAsync(new GetHealthRequest(), h.Auth)).Providers.Single(p => p.Name == "groq");
        Assert.Equal(CircuitState.Open, groq.CircuitState);
        Assert.Contains("GROQ_MODEL=meta-llama/llama-4-scout-17b-16e-instruct", groq.Warning, StringComparison.Ordinal);
        Assert.Contains("set GROQ_MODEL", groq.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenRouterModeration403_ThatRequestFallsThrough_CircuitNotHeldForOthers()
    {
        await using var h = await ChainHarness.StartAsync(new() { ["AI_PROVIDER_ORDER"] = "openrouter,groq,local", ["MAX_RETRIES"] = "2" });
        // Four flagged inputs in a row: were they counted against OpenRouter, the breaker (4 calls, half failing) would open.
        h.OpenRouter.Then(Enumerable.Repeat<ChatBehavior>(OpenRouterWire.Moderation().ToBehavior(), 4).ToArray());
        for (var i = 0; i < 4; i++)
        {
            var flagged = (await h.AnalyzeAsync()).Report;
            Assert.Equal(["content_flagged"], Outcomes(flagged, "openrouter"));
            Assert.Equal("groq", flagged.Provenance.Provider);
        }

        var next = (await h.AnalyzeAsync()).Report;
        Assert.Equal("openrouter", next.Provenance.Provider);
        Assert.Equal(["success"], Outcomes(next, "openrouter"));
        var health = await h.Client.GetHealthAsync(new GetHealthRequest(), h.Auth);
        var openRouter = health.Providers.Single(p => p.Name == "openrouter");
        Assert.Equal(CircuitState.Closed, openRouter.CircuitState);
        Assert.Equal(string.Empty, openRouter.Warning);
        // The flagged text itself (OpenRouter's metadata.flagged_input) never reaches the provenance.
        Assert.DoesNotContain("flagged part of the input", next.Provenance.Attempts.Select(a => a.Error).Aggregate(string.Empty, string.Concat));
    }

    [Fact]
    public async Task GeminiPerDayQuota_NotRetriedDespiteRetryInfo_LongCooldown()
    {
        await using var h = await ChainHarness.StartAsync(new() { ["MAX_RETRIES"] = "2", ["PROVIDER_MAX_RETRY_DELAY_SECONDS"] = "60" });
        h.Gemini.Default = GeminiWire.PerDayQuota().ToBehavior();
        var first = (await h.AnalyzeAsync()).Report;
        var second = (await h.AnalyzeAsync()).Report;

        Assert.Equal(["quota_exhausted"], Outcomes(first, "gemini"));
        Assert.Equal("openrouter", first.Provenance.Provider);
        Assert.Single(h.Gemini.Requests);
        Assert.Equal(["circuit_open"], Outcomes(second, "gemini"));
        var gemini = (await h.Client.GetHealthAsync(new GetHealthRequest(), h.Auth)).Providers.Single(p => p.Name == "gemini");
        Assert.Equal(CircuitState.Open, gemini.CircuitState);
    }

    [Fact]
    public async Task GeminiPerMinuteQuota_RetriedAfterRetryInfo_ThenAnswers()
    {
        await using var h = await ChainHarness.StartAsync(new() { ["MAX_RETRIES"] = "2" });
        h.Gemini.Then(GeminiWire.PerMinuteQuota("1s").ToBehavior());
        var report = (await h.AnalyzeAsync()).Report;

        Assert.Equal(["rate_limited", "success"], Outcomes(report, "gemini"));
        Assert.Equal("gemini", report.Provenance.Provider);
        var retried = h.Gemini.Requests[1].ArrivedAfter(h.Gemini.Requests[0]);
        Assert.True(retried >= TimeSpan.FromSeconds(0.9), $"RetryInfo was not honoured: retried after {retried}");
    }

    [Fact]
    public async Task OpenRouter402WithRetryAfter_WaitsAndRetries_NoCooldown()
    {
        await using var h = await ChainHarness.StartAsync(new() { ["AI_PROVIDER_ORDER"] = "openrouter,local", ["MAX_RETRIES"] = "2" });
        h.OpenRouter.Then(OpenRouterWire.InFlightBudget("1").ToBehavior());
        var report = (await h.AnalyzeAsync()).Report;

        Assert.Equal(["payment_required", "success"], Outcomes(report, "openrouter"));
        Assert.Equal("openrouter", report.Provenance.Provider);
    }

    [Fact]
    public async Task GroqRequestTooLarge413_FallsThroughWithoutRetry_CircuitStaysClosed()
    {
        await using var h = await ChainHarness.StartAsync(new() { ["AI_PROVIDER_ORDER"] = "groq,local", ["MAX_RETRIES"] = "2" });
        h.Groq.Then(GroqWire.RequestTooLarge().ToBehavior());
        var first = (await h.AnalyzeAsync()).Report;
        var second = (await h.AnalyzeAsync()).Report;

        Assert.Equal(["request_too_large"], Outcomes(first, "groq"));
        Assert.Equal("local", first.Provenance.Provider);
        Assert.Equal("groq", second.Provenance.Provider);
    }
}
