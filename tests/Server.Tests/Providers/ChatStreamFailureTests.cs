using Grpc.Core;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Tests.Support.Fakes;
using MedicalImaging.Tests.Support.Fakes.Wire;

namespace MedicalImaging.Server.Tests.Providers;

/// <summary>
/// Streams that fail after they started — OpenRouter's mid-stream error event, no finish reason, no <c>[DONE]</c> — are
/// failures: the next provider continues the reply, and a cut-off reply is never stored as complete.
/// </summary>
public sealed class ChatStreamFailureTests
{
    [Fact]
    public async Task Chat_OpenRouterMidStreamErrorEvent_NextProviderContinuesTheReply()
    {
        await using var h = await ChainHarness.StartAsync(new() { ["AI_PROVIDER_ORDER"] = "openrouter,groq,local" });
        var report = (await h.AnalyzeAsync()).Report;
        h.OpenRouter.Then(new ChatBehavior.StreamError(OpenRouterWire.MidStreamErrorEvent(), "The opacity ", "[f1] is "));
        h.Groq.Then(new ChatBehavior.Answer("probably benign but needs review."));

        var final = await ChatStream.AskAsync(h, report.Id, "Is it serious?");

        Assert.Equal("groq", final.Provider);
        Assert.Equal("The opacity [f1] is probably benign but needs review.", final.Content);
        Assert.Contains("Continue your previous answer", h.Groq.Requests[^1].Body);
    }

    [Fact]
    public async Task Chat_StreamEndsWithoutFinishReason_IsAFailure_NextProviderContinues()
    {
        await using var h = await ChainHarness.StartAsync();
        var report = (await h.AnalyzeAsync()).Report;
        h.Gemini.Then(new ChatBehavior.StreamWithoutFinish("The opacity ", "[f1] is "));
        h.OpenRouter.Then(new ChatBehavior.Answer("probably benign."));

        var final = await ChatStream.AskAsync(h, report.Id, "Is it serious?");

        Assert.Equal("openrouter", final.Provider);
        Assert.Equal("The opacity [f1] is probably benign.", final.Content);
    }

    [Fact]
    public async Task Chat_ConnectionClosedWithoutDone_IsAFailure_NextProviderContinues()
    {
        await using var h = await ChainHarness.StartAsync();
        var report = (await h.AnalyzeAsync()).Report;
        h.Gemini.Then(new ChatBehavior.StreamWithoutDone("The opacity ", "[f1] is "));
        h.OpenRouter.Then(new ChatBehavior.Answer("probably benign."));

        var final = await ChatStream.AskAsync(h, report.Id, "Is it serious?");

        Assert.Equal("openrouter", final.Provider);
        Assert.Equal("The opacity [f1] is probably benign.", final.Content);
    }

    [Fact]
    public async Task Chat_CutOffAndNoProviderFinishes_StoredReplySaysItWasCutOff()
    {
        await using var h = await ChainHarness.StartAsync(new() { ["AI_PROVIDER_ORDER"] = "gemini,local" });
        var report = (await h.AnalyzeAsync()).Report;
        h.Gemini.Then(new ChatBehavior.StreamWithoutFinish("The opacity ", "[f1] is "));

        var final = await ChatStream.AskAsync(h, report.Id, "Is it serious?");

        Assert.Equal("local", final.Provider);
        Assert.StartsWith("The opacity [f1] is  [The AI reply above was cut off before it finished.]", final.Content, StringComparison.Ordinal);

        // What is stored (and sent back as history next time) carries the mark too.
        h.Gemini.Then(new ChatBehavior.Answer("Noted."));
        await ChatStream.AskAsync(h, report.Id, "Thanks");
        Assert.Contains("[The AI reply above was cut off before it finished.]", h.Gemini.Requests[^1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_CompleteStream_IsStoredAsTheProvidersReply()
    {
        await using var h = await ChainHarness.StartAsync();
        var report = (await h.AnalyzeAsync()).Report;
        h.Gemini.Then(new ChatBehavior.Answer("The opacity [f1] is probably benign."));

        var final = await ChatStream.AskAsync(h, report.Id, "Is it serious?");

        Assert.Equal("gemini", final.Provider);
        Assert.Equal("The opacity [f1] is probably benign.", final.Content);
        Assert.DoesNotContain(h.OpenRouter.Requests, r => r.Body.Contains("Is it serious?", StringComparison.Ordinal));
    }
}
