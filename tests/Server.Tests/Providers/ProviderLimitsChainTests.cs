using MedicalImaging.Contracts.V1;
using MedicalImaging.Tests.Support.Fakes;

namespace MedicalImaging.Server.Tests.Providers;

/// <summary>
/// The chain's own limits and the 403/408 classes, end to end against the fake providers: what each attempt recorded
/// and how many requests reached each provider (no timing thresholds); the long cool-down's expiry.
/// </summary>
public sealed class ProviderLimitsChainTests
{
    private static IEnumerable<string> Outcomes(Report report, string provider) =>
        report.Provenance.Attempts.Where(a => a.Provider == provider && a.Purpose == "vision").Select(a => a.Outcome);

    [Fact]
    public async Task RetryAfterAboveMaxRetryDelay_NotWaitedFor_NextProviderAnswers()
    {
        await using var h = await ChainHarness.StartAsync(new() { ["MAX_RETRIES"] = "2", ["PROVIDER_MAX_RETRY_DELAY_SECONDS"] = "2" });
        h.Gemini.Default = new ChatBehavior.Fail(429, RetryAfter: "30");
        var report = (await h.AnalyzeAsync()).Report;

        Assert.Equal(["rate_limited"], Outcomes(report, "gemini"));
        Assert.Single(h.Gemini.Requests);
        Assert.Equal("openrouter", report.Provenance.Provider);
    }

    [Fact]
    public async Task RetryAfterWithinMaxRetryDelay_RetriedOnTheSameProvider()
    {
        await using var h = await ChainHarness.StartAsync(new() { ["MAX_RETRIES"] = "2", ["PROVIDER_MAX_RETRY_DELAY_SECONDS"] = "2" });
        h.Gemini.Then(new ChatBehavior.Fail(429, RetryAfter: "0"));
        var report = (await h.AnalyzeAsync()).Report;

        Assert.Equal(["rate_limited", "success"], Outcomes(report, "gemini"));
        Assert.Equal("gemini", report.Provenance.Provider);
    }

    [Fact]
    public async Task ProviderRateLimitPerMinute_SpentByEarlierAnalyses_VisionGoesToTheNextProviderWithoutCallingIt()
    {
        await using var h = await ChainHarness.StartAsync(new() { ["PROVIDER_RATE_LIMIT_PER_MINUTE"] = "1" });
        var first = (await h.AnalyzeAsync()).Report;
        Assert.Equal(["success"], Outcomes(first, "gemini"));
        var geminiRequests = h.Gemini.Requests.Count;

        var second = (await h.AnalyzeAsync()).Report;
        Assert.Equal(["rate_limited_locally"], Outcomes(second, "gemini"));
        // The first analysis spent Gemini's permit on its vision call and OpenRouter's on its report: Groq answers.
        Assert.Equal(["rate_limited_locally"], Outcomes(second, "openrouter"));
        Assert.Equal(["success"], Outcomes(second, "groq"));
        Assert.Equal(geminiRequests, h.Gemini.Requests.Count);
    }

    [Fact]
    public async Task Gemini403_NotRetried_LongCooldownSkipsItForTheNextAnalysis()
    {
        await using var h = await ChainHarness.StartAsync();
        h.Gemini.Default = new ChatBehavior.Fail(403, """{"error":{"code":403,"message":"Permission denied","status":"PERMISSION_DENIED"}}""");
        var first = (await h.AnalyzeAsync()).Report;
        var second = (await h.AnalyzeAsync()).Report;

        Assert.Equal(["unauthorized"], Outcomes(first, "gemini"));
        Assert.Equal("openrouter", first.Provenance.Provider);
        Assert.Equal(["circuit_open"], Outcomes(second, "gemini"));
        Assert.Single(h.Gemini.Requests);
    }

    [Fact]
    public async Task Gemini408_RetriedOnTheSameProvider_ThenAnswers()
    {
        await using var h = await ChainHarness.StartAsync();
        h.Gemini.Then(new ChatBehavior.Fail(408));
        var report = (await h.AnalyzeAsync()).Report;

        Assert.Equal(["timeout", "success"], Outcomes(report, "gemini"));
        Assert.Equal("gemini", report.Provenance.Provider);
    }

    [Fact]
    public async Task LongCooldown_Expires_ProviderIsTriedAgainAndAnswers()
    {
        await using var h = await ChainHarness.StartAsync(new() { ["PROVIDER_LONG_COOLDOWN_SECONDS"] = "3" });
        h.Gemini.Then(new ChatBehavior.Fail(401));
        var refused = (await h.AnalyzeAsync()).Report;
        Assert.Equal(["unauthorized"], Outcomes(refused, "gemini"));
        Assert.Equal(CircuitState.Open, await GeminiCircuitAsync(h));

        // Wait for the cool-down's own timer to release the circuit (polled, no timing assertion).
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await GeminiCircuitAsync(h) == CircuitState.Open)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
        }

        var healed = (await h.AnalyzeAsync()).Report;
        Assert.Equal(["success"], Outcomes(healed, "gemini"));
        Assert.Equal("gemini", healed.Provenance.Provider);
    }

    private static async Task<CircuitState> GeminiCircuitAsync(ChainHarness h) =>
        (await h.Client.GetHealthAsync(new GetHealthRequest(), h.Auth)).Providers.Single(p => p.Name == "gemini").CircuitState;
}
