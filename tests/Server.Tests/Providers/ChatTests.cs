using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Server.Chat;
using MedicalImaging.Tests.Support.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalImaging.Server.Tests.Providers;

/// <summary>Chat about a report against real HTTP fakes speaking the streaming chat wire format.</summary>
public sealed class ChatTests
{
    [Fact]
    public async Task Chat_StreamsDeltasThenFinalWithCitedFindings_HistoryKeptPerReport()
    {
        await using var h = await ChainHarness.StartAsync();
        var report = (await h.AnalyzeAsync()).Report;
        h.Gemini.Then(
            new ChatBehavior.Answer("The rounded opacity [f1] is in the right upper zone; radiologist review is advised."),
            new ChatBehavior.Answer("Follow-up imaging could clarify [f1]."));

        using var call = h.Client.Chat(h.Auth, DateTime.UtcNow + Calls.Timeout);
        var (deltas, final) = await ChatStream.TurnAsync(call, report.Id, "Where is the opacity?");
        Assert.True(deltas.Count > 3, "the reply should stream in pieces");
        Assert.Equal(string.Concat(deltas), final.Content);
        Assert.Equal(["f1"], final.FindingIds);
        Assert.Equal("gemini", final.Provider);
        Assert.Equal(ChatRole.Assistant, final.Role);

        var (_, second) = await ChatStream.TurnAsync(call, report.Id, "What next?");
        Assert.Contains("Follow-up", second.Content);
        await call.RequestStream.CompleteAsync();

        // The second request carried the first exchange, and the grounding (findings with ids).
        var secondBody = h.Gemini.Requests[^1].Body;
        Assert.Contains("Where is the opacity?", secondBody);
        Assert.Contains("radiologist review is advised", secondBody);
        Assert.Contains("[f1]", secondBody);
    }

    [Fact]
    public async Task Chat_ProviderServesAnotherModel_ReplyAndStoredHistoryRecordTheAnsweredModel()
    {
        const string configured = "gemini-configured-model";
        const string served = "vendor/served-model-2026";
        await using var h = await ChainHarness.StartAsync(new() { ["GEMINI_MODEL"] = configured });
        var report = (await h.AnalyzeAsync()).Report;
        h.Gemini.ServedModel = served;
        h.Gemini.Then(new ChatBehavior.Answer("The rounded opacity [f1] is in the right upper zone."));

        using var call = h.Client.Chat(h.Auth, DateTime.UtcNow + Calls.Timeout);
        var (_, final) = await ChatStream.TurnAsync(call, report.Id, "Where is the opacity?");
        await call.RequestStream.CompleteAsync();

        // The request asked for the configured model; the reply names the one the response said answered.
        Assert.Contains(configured, h.Gemini.Requests[^1].Body);
        Assert.Equal("gemini", final.Provider);
        Assert.Equal(served, final.Model);
        Assert.Equal(0, final.UnverifiedReferencesRemoved);

        var stored = await h.Server.Services.GetRequiredService<IChatHistoryStore>().GetRecentAsync("clinician", report.Id, 10, CancellationToken.None);
        var assistant = Assert.Single(stored, t => t.Role == "assistant");
        Assert.Equal(served, assistant.Model);
        Assert.Equal("gemini", assistant.Provider);
        Assert.Null(Assert.Single(stored, t => t.Role == "user").Model);
    }

    [Fact]
    public async Task Chat_ProviderBreaksMidStream_NextProviderContinuesTheSameReply()
    {
        await using var h = await ChainHarness.StartAsync();
        var report = (await h.AnalyzeAsync()).Report;
        h.Gemini.Then(new ChatBehavior.BreakAfter("The opacity ", "[f1] is "));
        h.OpenRouter.Then(new ChatBehavior.Answer("probably benign but needs review."));

        using var call = h.Client.Chat(h.Auth, DateTime.UtcNow + Calls.Timeout);
        var (deltas, final) = await ChatStream.TurnAsync(call, report.Id, "Is it serious?");
        await call.RequestStream.CompleteAsync();

        Assert.Equal("The opacity [f1] is probably benign but needs review.", final.Content);
        Assert.Equal(string.Concat(deltas), final.Content);
        Assert.Equal("openrouter", final.Provider);
        var continuation = h.OpenRouter.Requests[^1].Body;
        Assert.Contains("The opacity [f1] is ", continuation);
        Assert.Contains("Continue your previous answer", continuation);
    }

    [Fact]
    public async Task SendChatMessage_Rest_ReplyAndErrors()
    {
        await using var h = await ChainHarness.StartAsync();
        var report = (await h.AnalyzeAsync()).Report;
        h.Gemini.Then(new ChatBehavior.Answer("See [f1]; compare with [PMID 99999999] is not possible."));
        using var http = new HttpClient { BaseAddress = h.Server.HttpAddress };

        async Task<HttpResponseMessage> PostAsync(string reportId, string message, string user)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/medical-imaging/chat/{reportId}")
            {
                Content = new StringContent(JsonSerializer.Serialize(new { message }), Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", h.Server.IssueToken(user));
            return await http.SendAsync(request);
        }

        using var ok = await PostAsync(report.Id, "Summarise", "clinician");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var reply = JsonDocument.Parse(await ok.Content.ReadAsStringAsync()).RootElement.GetProperty("reply");
        Assert.Contains("[f1]", reply.GetProperty("content").GetString());
        // The invented PMID is replaced in the text and counted.
        Assert.Contains("[unverified reference removed]", reply.GetProperty("content").GetString());
        Assert.Equal(1, reply.GetProperty("unverifiedReferencesRemoved").GetInt32());
        // A PMID the report does not cite is never listed as relied upon.
        Assert.False(reply.TryGetProperty("citedPmids", out var pmids) && pmids.GetArrayLength() > 0);

        using var stranger = await PostAsync(report.Id, "Summarise", "stranger");
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        using var empty = await PostAsync(report.Id, "  ", "clinician");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Fact]
    public async Task Chat_NoProviderAnswers_LocalAnswersFromTheReport()
    {
        await using var h = await ChainHarness.StartAsync(new() { ["GEMINI_API_KEY"] = "", ["OPENROUTER_API_KEY"] = "", ["GROQ_API_KEY"] = "" });
        var report = (await h.AnalyzeAsync()).Report;
        var response = await h.Client.SendChatMessageAsync(new SendChatMessageRequest { ReportId = report.Id, Message = "What did you find?" }, h.Auth);

        Assert.Equal("local", response.Reply.Provider);
        Assert.Equal("local", response.Reply.Model);
        Assert.Contains(report.Impression, response.Reply.Content);
    }
}
