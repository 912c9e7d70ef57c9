using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Server.Pipeline.Stages;
using MedicalImaging.Server.Providers.Chain;
using MedicalImaging.Server.Telemetry;
using MedicalImaging.Tests.Support;
using MedicalImaging.Tests.Support.Fakes;

namespace MedicalImaging.Server.Tests.Providers;

/// <summary>
/// Chat goes through the same provider chain as vision and report writing: the same per-provider pipeline (rate
/// limit, Retry-After retries before the first text, one circuit breaker per provider), first-token and idle timeouts,
/// a span per attempt; and a report whose embedding is still pending can be discussed.
/// </summary>
public sealed class ChatChainTests
{
    private const string Question = "Is it serious?";

    private static int ChatRequests(FakeChatProvider fake) => fake.Requests.Count(r => r.Body.Contains(Question, StringComparison.Ordinal));

    /// <summary>A server whose embeddings endpoint fails once, unretried: its reports are stored with the embedding pending.</summary>
    private static Task<ChainHarness> PendingEmbeddingHarnessAsync(FakeEmbeddings embeddings, bool providers)
    {
        var settings = embeddings.ServerSettings();
        settings["MAX_RETRIES"] = "0";
        if (!providers)
        {
            settings["GEMINI_API_KEY"] = settings["OPENROUTER_API_KEY"] = settings["GROQ_API_KEY"] = "";
        }

        return ChainHarness.StartAsync(settings);
    }

    [Fact]
    public async Task Chat_429WithRetryAfterBeforeFirstToken_RetriedOnTheSameProvider()
    {
        await using var h = await ChainHarness.StartAsync();
        var report = (await h.AnalyzeAsync()).Report;
        h.Gemini.Then(new ChatBehavior.Fail(429, RetryAfter: "1"));

        var final = await ChatStream.AskAsync(h, report.Id, Question);

        Assert.Equal("gemini", final.Provider);
        Assert.Equal(2, ChatRequests(h.Gemini));
        Assert.Equal(0, ChatRequests(h.OpenRouter));
    }

    [Fact]
    public async Task Chat_ProviderRateLimitSpentByTheAnalysis_ChatGoesToTheNextProvider()
    {
        // Two calls a minute to each provider: the analysis spends Gemini's on vision and the report.
        await using var h = await ChainHarness.StartAsync(new() { ["PROVIDER_RATE_LIMIT_PER_MINUTE"] = "2" });
        var report = (await h.AnalyzeAsync()).Report;
        Assert.Equal(2, h.Gemini.Requests.Count);

        var final = await ChatStream.AskAsync(h, report.Id, Question);

        Assert.Equal("openrouter", final.Provider);
        Assert.Equal(2, h.Gemini.Requests.Count);
        Assert.Equal(1, ChatRequests(h.OpenRouter));
    }

    [Fact]
    public async Task Chat_CircuitOpenedByVisionFailures_GeminiSkippedByChatToo()
    {
        // Four failed vision attempts (1 + 3 retries, Retry-After 0) open Gemini's one circuit breaker.
        await using var h = await ChainHarness.StartAsync(new() { ["MAX_RETRIES"] = "3" });
        h.Gemini.Default = new ChatBehavior.Fail(503, RetryAfter: "0");
        var report = (await h.AnalyzeAsync()).Report;
        Assert.Equal("openrouter", report.Provenance.Provider);
        Assert.Equal(4, h.Gemini.Requests.Count);
        var health = await h.Client.GetHealthAsync(new GetHealthRequest(), h.Auth);
        Assert.Equal(CircuitState.Open, health.Providers.Single(p => p.Name == "gemini").CircuitState);

        var final = await ChatStream.AskAsync(h, report.Id, Question);

        Assert.Equal("openrouter", final.Provider);
        Assert.Equal(4, h.Gemini.Requests.Count);
    }

    [Fact]
    public async Task Chat_StreamStallsMidReply_IdleTimeout_NextProviderContinues()
    {
        await using var h = await ChainHarness.StartAsync(new() { ["CHAT_IDLE_TIMEOUT_SECONDS"] = "1" });
        var report = (await h.AnalyzeAsync()).Report;
        h.Gemini.Then(new ChatBehavior.Stall("The opacity ", "[f1] is "));
        h.OpenRouter.Then(new ChatBehavior.Answer("probably benign."));

        var final = await ChatStream.AskAsync(h, report.Id, Question);

        Assert.Equal("openrouter", final.Provider);
        Assert.Equal("The opacity [f1] is probably benign.", final.Content);
        // Text had reached the client: no retry on Gemini, the next provider continued.
        Assert.Equal(1, ChatRequests(h.Gemini));
        Assert.Contains("Continue your previous answer", h.OpenRouter.Requests[^1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_HeadersButNoTextBeforeFirstTokenTimeout_RetriedOnTheSameProvider()
    {
        await using var h = await ChainHarness.StartAsync(new() { ["CHAT_FIRST_TOKEN_TIMEOUT_SECONDS"] = "1" });
        var report = (await h.AnalyzeAsync()).Report;
        h.Gemini.Then(new ChatBehavior.Stall());

        var final = await ChatStream.AskAsync(h, report.Id, Question);

        Assert.Equal("gemini", final.Provider);
        Assert.Equal(2, ChatRequests(h.Gemini));
        Assert.Equal(0, ChatRequests(h.OpenRouter));
    }

    [Fact]
    public async Task Chat_ReportWhoseEmbeddingIsPending_AnsweredWithoutSimilarCases()
    {
        await using var embeddings = await FakeEmbeddings.StartAsync();
        embeddings.FailWith = 503;
        await using var h = await PendingEmbeddingHarnessAsync(embeddings, providers: true);
        var report = (await h.AnalyzeAsync()).Report;
        Assert.Equal(EmbedStage.PendingModel, report.Provenance.EmbeddingModel);

        var reply = await h.Client.SendChatMessageAsync(new SendChatMessageRequest { ReportId = report.Id, Message = "Any similar cases?" }, h.Auth);

        Assert.Equal("gemini", reply.Reply.Provider);
        // The model is told why there are none, so it does not answer "no similar cases exist".
        Assert.Contains("Similar prior cases are not available for this report yet", h.Gemini.Requests[^1].Body, StringComparison.Ordinal);
        Assert.Contains("If the user asks about similar cases, tell them so.", h.Gemini.Requests[^1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_ReportWhoseEmbeddingIsPending_NoProvider_LocalAnswerSaysSimilarCasesAreNotAvailable()
    {
        await using var embeddings = await FakeEmbeddings.StartAsync();
        embeddings.FailWith = 503;
        await using var h = await PendingEmbeddingHarnessAsync(embeddings, providers: false);
        var report = (await h.AnalyzeAsync()).Report;
        Assert.Equal(EmbedStage.PendingModel, report.Provenance.EmbeddingModel);

        var reply = await h.Client.SendChatMessageAsync(new SendChatMessageRequest { ReportId = report.Id, Message = "Any similar cases?" }, h.Auth);

        Assert.Equal("local", reply.Reply.Provider);
        Assert.Contains("Similar prior cases are not available for this report yet", reply.Reply.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProviderAttempts_EachIsASpan_TaggedWithProviderModelOperationOutcomeOnly()
    {
        // A model name no other test uses picks this test's spans out of the process-wide source.
        var model = "span-probe-" + Guid.NewGuid().ToString("N");
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MedicalImagingTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.OperationName == ProviderAttemptSpan.Name && Equals(activity.GetTagItem("model"), model))
                {
                    spans.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await using var h = await ChainHarness.StartAsync(new() { ["GEMINI_MODEL"] = model });
        h.Gemini.Then(new ChatBehavior.Fail(429, RetryAfter: "0"));
        var report = (await h.AnalyzeAsync()).Report;
        await ChatStream.AskAsync(h, report.Id, Question);

        Assert.Equal(
            [("vision", "rate_limited"), ("vision", "success"), ("report", "success"), ("chat", "success")],
            spans.Select(s => ((string?)s.GetTagItem("operation"), (string?)s.GetTagItem("outcome"))));
        foreach (var span in spans)
        {
            Assert.Equal(["model", "operation", "outcome", "provider"], span.TagObjects.Select(t => t.Key).Order());
            Assert.Equal("gemini", span.GetTagItem("provider"));
        }
    }

    [Theory]
    [InlineData("CHAT_FIRST_TOKEN_TIMEOUT_SECONDS", "0", "CHAT_FIRST_TOKEN_TIMEOUT_SECONDS=0 must be 0.1..3600 seconds")]
    [InlineData("CHAT_IDLE_TIMEOUT_SECONDS", "7200", "CHAT_IDLE_TIMEOUT_SECONDS=7200 must be 0.1..3600 seconds")]
    public async Task BadChatTimeouts_RefuseToStart_NamingTheSetting(string name, string value, string expected)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunningServer.StartAsync(new Dictionary<string, string?> { [name] = value }));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
