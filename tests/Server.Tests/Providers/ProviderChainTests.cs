using Google.Rpc;
using Grpc.Core;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Tests.Support;
using MedicalImaging.Tests.Support.Fakes;

namespace MedicalImaging.Server.Tests.Providers;

/// <summary>The provider chain against real HTTP fakes with scripted faults.</summary>
public sealed class ProviderChainTests
{
    private static IEnumerable<string> Outcomes(Report report, string provider) =>
        report.Provenance.Attempts.Where(a => a.Provider == provider && a.Purpose == "vision").Select(a => a.Outcome);

    [Fact]
    public async Task Gemini_Answers_ReportCarriesItsFindingsTokensAndPromptHash()
    {
        await using var h = await ChainHarness.StartAsync();
        var result = await h.AnalyzeAsync();
        var report = result.Report;

        Assert.False(result.Degraded);
        Assert.Equal("gemini", report.Provenance.Provider);
        Assert.Equal("gemini-3.8-flash", report.Provenance.Model);
        var finding = Assert.Single(report.Findings);
        Assert.Equal("gemini", finding.Source);
        Assert.Equal(Severity.Moderate, finding.Severity);
        // The provider boxed x=0.25 of the preprocessed image; the report places it on the source image, through the
        // collimation crop preprocessing recorded ("x=..,y=..,w=..,h=.. (...)").
        var image = Assert.Single(report.Images);
        var crop = System.Text.RegularExpressions.Regex.Match(image.Preprocessing["crop"], @"^x=(\d+),y=(\d+),w=(\d+),h=(\d+)");
        Assert.True(crop.Success, image.Preprocessing["crop"]);
        var (cropX, cropWidth) = (double.Parse(crop.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), double.Parse(crop.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((cropX + (0.25 * cropWidth)) / image.Width, finding.Region.X, 3);
        var attempt = Assert.Single(report.Provenance.Attempts, a => a.Purpose == "vision");
        Assert.Equal(("gemini", "success", 1200L, 150L), (attempt.Provider, attempt.Outcome, attempt.InputTokens, attempt.OutputTokens));
        Assert.Matches("^[0-9a-f]{64}$", report.Provenance.PromptHashes["vision-v2"]);
        Assert.Empty(h.OpenRouter.Requests);
        Assert.Equal("Bearer gemini-test-key", h.Gemini.Requests[0].Authorization);
        Assert.Contains("data:image/png;base64,", h.Gemini.Requests[0].Body);
        Assert.Contains("json_schema", h.Gemini.Requests[0].Body);
    }

    [Fact]
    public async Task Gemini429WithRetryAfter_RetriedAfterTheDelay_ThenSucceeds()
    {
        await using var h = await ChainHarness.StartAsync();
        h.Gemini.Then(new ChatBehavior.Fail(429, RetryAfter: "1"));
        var report = (await h.AnalyzeAsync()).Report;

        Assert.Equal("gemini", report.Provenance.Provider);
        Assert.Equal(["rate_limited", "success"], Outcomes(report, "gemini"));
        // The gap the provider saw between the refused call and the retry (not the whole analysis, which a busy
        // machine can stretch past a second on its own): the server waited out Retry-After.
        var retried = h.Gemini.Requests[1].ArrivedAfter(h.Gemini.Requests[0]);
        Assert.True(retried >= TimeSpan.FromSeconds(0.9), $"Retry-After was not honoured: retried after {retried}");
    }

    [Fact]
    public async Task Gemini429WithRetryInfoInBody_HonoursTheBodyDelay()
    {
        await using var h = await ChainHarness.StartAsync();
        const string body = """[{"error":{"code":429,"message":"Resource has been exhausted","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1s"}]}}]""";
        h.Gemini.Then(new ChatBehavior.Fail(429, body));
        var report = (await h.AnalyzeAsync()).Report;

        Assert.Equal(["rate_limited", "success"], Outcomes(report, "gemini"));
        var retried = h.Gemini.Requests[1].ArrivedAfter(h.Gemini.Requests[0]);
        Assert.True(retried >= TimeSpan.FromSeconds(0.9), $"RetryInfo was not honoured: retried after {retried}");
    }

    [Fact]
    public async Task Gemini500ThroughAllRetries_FallsBackToOpenRouter()
    {
        await using var h = await ChainHarness.StartAsync();
        h.Gemini.Default = new ChatBehavior.Fail(500);
        var report = (await h.AnalyzeAsync()).Report;

        Assert.Equal("openrouter", report.Provenance.Provider);
        Assert.Equal(["server_error", "server_error", "server_error"], Outcomes(report, "gemini"));
        Assert.Equal(["success"], Outcomes(report, "openrouter"));
        Assert.Equal(3, h.Gemini.Requests.Count);
        Assert.Equal("google/gemini-3.1-flash-lite", report.Provenance.Model);
    }

    [Fact]
    public async Task OpenRouterModels_WholeListSentForItsRouting_ProvenanceNamesTheModelThatAnswered()
    {
        await using var h = await ChainHarness.StartAsync(new Dictionary<string, string?>
        {
            ["AI_PROVIDER_ORDER"] = "openrouter,local",
            ["OPENROUTER_MODELS"] = "vendor/a, vendor/b,vendor/c",
        });
        h.OpenRouter.UnavailableModels.Add("vendor/a");
        var report = (await h.AnalyzeAsync()).Report;

        var vision = h.OpenRouter.Requests.First(r => r.Body.Contains("image_findings", StringComparison.Ordinal));
        Assert.Contains("\"model\":\"vendor/a\"", vision.Body, StringComparison.Ordinal);
        Assert.Contains("\"models\":[\"vendor/a\",\"vendor/b\",\"vendor/c\"]", vision.Body, StringComparison.Ordinal);
        Assert.Equal("openrouter", report.Provenance.Provider);
        Assert.Equal("vendor/b", report.Provenance.Model);
        Assert.Equal("vendor/b", Assert.Single(report.Provenance.Attempts, a => a.Purpose == "vision").Model);
    }

    [Fact]
    public async Task Gemini402_NotRetried_GroqAnswersWhenOpenRouterTimesOut()
    {
        await using var h = await ChainHarness.StartAsync(new() { ["PROVIDER_TIMEOUT_SECONDS"] = "0.5", ["MAX_RETRIES"] = "0" });
        h.Gemini.Default = new ChatBehavior.Fail(402);
        h.OpenRouter.Default = new ChatBehavior.Slow(TimeSpan.FromSeconds(5), FakeChatProvider.ValidFindings(1));
        var report = (await h.AnalyzeAsync()).Report;

        Assert.Equal("groq", report.Provenance.Provider);
        Assert.Equal(["payment_required"], Outcomes(report, "gemini"));
        Assert.Equal(["timeout"], Outcomes(report, "openrouter"));
        Assert.Single(h.Gemini.Requests);
        var timeout = report.Provenance.Attempts.Single(a => a.Provider == "openrouter" && a.Purpose == "vision");
        Assert.InRange(timeout.LatencyMs, 400, 3000);
    }

    [Fact]
    public async Task MalformedAndSchemaViolatingAnswers_AreFailures_NextProviderAnswers()
    {
        await using var h = await ChainHarness.StartAsync(new() { ["MAX_RETRIES"] = "0" });
        h.Gemini.Default = new ChatBehavior.Answer("Sure! Here are the findings: the lungs look fine.");
        h.OpenRouter.Default = new ChatBehavior.Answer("""{"images": [], "findings": []}""");
        var report = (await h.AnalyzeAsync()).Report;

        Assert.Equal("groq", report.Provenance.Provider);
        var gemini = report.Provenance.Attempts.Single(a => a.Provider == "gemini" && a.Purpose == "vision");
        Assert.Equal("invalid_response", gemini.Outcome);
        Assert.Contains("not JSON", gemini.Error);
        var openRouter = report.Provenance.Attempts.Single(a => a.Provider == "openrouter" && a.Purpose == "vision");
        Assert.Equal("invalid_response", openRouter.Outcome);
        Assert.Contains("ignored the image", openRouter.Error);
    }

    [Fact]
    public async Task GarbageHttpBodyAndConnectionRefused_FallThroughToLocal_Degraded()
    {
        await using var h = await ChainHarness.StartAsync(new()
        {
            ["MAX_RETRIES"] = "1",
            ["GROQ_BASE_URL"] = "http://127.0.0.1:9/",
        });
        h.Gemini.Default = new ChatBehavior.Garbage();
        h.OpenRouter.Default = new ChatBehavior.Fail(503);
        var result = await h.AnalyzeAsync();

        Assert.True(result.Degraded);
        Assert.Equal("local", result.Report.Provenance.Provider);
        Assert.True(result.Report.Provenance.Degraded);
        Assert.Contains(result.Report.Limitations, l => l.StartsWith("Degraded", StringComparison.Ordinal));
        Assert.Equal(["server_error", "server_error"], Outcomes(result.Report, "openrouter"));
        Assert.All(Outcomes(result.Report, "groq"), o => Assert.Equal("connection_failed", o));
        Assert.NotEmpty(Outcomes(result.Report, "gemini"));
        Assert.Equal("success", result.Report.Provenance.Attempts[^1].Outcome);
        Assert.Equal("local", result.Report.Provenance.Attempts[^1].Provider);
    }

    [Fact]
    public async Task AllFail_WithoutLocalInTheOrder_Unavailable503WithRetryInfo()
    {
        await using var h = await ChainHarness.StartAsync(new() { ["AI_PROVIDER_ORDER"] = "gemini", ["MAX_RETRIES"] = "0" });
        h.Gemini.Default = new ChatBehavior.Fail(500);
        var error = await Assert.ThrowsAsync<RpcException>(() => h.AnalyzeAsync());

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("gemini: server_error", error.Status.Detail);
        Assert.True(error.GetRpcStatus()!.GetDetail<RetryInfo>().RetryDelay.ToTimeSpan() > TimeSpan.Zero);
    }

    [Fact]
    public async Task AuthFailure_HoldsTheCircuitOpen_LaterRequestsSkipIt_HealthShowsIt()
    {
        await using var h = await ChainHarness.StartAsync(new() { ["MAX_RETRIES"] = "2" });
        h.Gemini.Default = new ChatBehavior.Fail(401);
        var first = (await h.AnalyzeAsync()).Report;
        var third = (await h.AnalyzeAsync()).Report;

        Assert.Equal(["unauthorized"], Outcomes(first, "gemini"));
        Assert.Single(h.Gemini.Requests);
        Assert.Equal(["circuit_open"], Outcomes(third, "gemini"));
        Assert.Equal("openrouter", third.Provenance.Provider);
        var health = await h.Client.GetHealthAsync(new GetHealthRequest(), h.Auth);
        var gemini = health.Providers.Single(p => p.Name == "gemini");
        Assert.Equal(CircuitState.Open, gemini.CircuitState);
        Assert.Equal(0, gemini.SuccessRate);
        Assert.Equal(["gemini", "openrouter", "groq", "local"], health.Providers.Select(p => p.Name));
        Assert.Equal(CircuitState.Closed, health.Providers.Single(p => p.Name == "openrouter").CircuitState);
    }

    [Fact]
    public async Task RepeatedServerErrors_OpenTheCircuitForTheShortCooldown()
    {
        await using var h = await ChainHarness.StartAsync(new() { ["MAX_RETRIES"] = "1", ["PROVIDER_SHORT_COOLDOWN_SECONDS"] = "1" });
        h.Gemini.Default = new ChatBehavior.Fail(503);
        await h.AnalyzeAsync();
        await h.AnalyzeAsync();
        var skipped = (await h.AnalyzeAsync()).Report;
        Assert.Equal(["circuit_open"], Outcomes(skipped, "gemini"));
        Assert.Equal(4, h.Gemini.Requests.Count);

        // After the cool-down a trial call goes through again (half-open) and, answered, closes the circuit.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        h.Gemini.Default = new ChatBehavior.Auto();
        var healed = (await h.AnalyzeAsync()).Report;
        Assert.Equal("gemini", healed.Provenance.Provider);
    }

    [Fact]
    public async Task ProviderWithoutKey_IsSkipped()
    {
        await using var h = await ChainHarness.StartAsync(new() { ["GEMINI_API_KEY"] = string.Empty });
        var report = (await h.AnalyzeAsync()).Report;
        Assert.Equal("openrouter", report.Provenance.Provider);
        Assert.Empty(h.Gemini.Requests);
    }

    [Fact]
    public async Task EveryProvider_ReceivesTheSameMessagesAndSchema()
    {
        await using var h = await ChainHarness.StartAsync(new() { ["MAX_RETRIES"] = "1" });
        h.Gemini.Default = new ChatBehavior.Fail(500);
        h.OpenRouter.Default = new ChatBehavior.Fail(500);
        await h.AnalyzeAsync();

        // What the model reads is the same for every provider (the image fits every profile's budget); only the
        // parameters each profile allows differ (temperature, strict, OpenRouter's provider and models fields).
        var bodies = h.Gemini.Requests.Concat(h.OpenRouter.Requests).Concat(h.Groq.Requests)
            .Where(r => r.Body.Contains("image_findings", StringComparison.Ordinal))
            .Select(r => System.Text.Json.Nodes.JsonNode.Parse(r.Body)!.AsObject()).ToList();
        Assert.Equal(5, bodies.Count);
        Assert.All(bodies, b => Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(bodies[0]["messages"], b["messages"])));
        Assert.All(bodies, b => Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(
            bodies[0]["response_format"]!["json_schema"]!["schema"], b["response_format"]!["json_schema"]!["schema"])));
    }
}
