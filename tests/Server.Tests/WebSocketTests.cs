using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using MedicalImaging.Tests.Support;

namespace MedicalImaging.Server.Tests;

/// <summary>The WebSocket shim: same feed as WatchAnalysis, as JSON events.</summary>
public sealed class WebSocketTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _fixture;

    public WebSocketTests(ServerFixture fixture) => _fixture = fixture;

    private Uri SocketUri(string analysisId, string query = "") =>
        new($"ws://127.0.0.1:{_fixture.Server.HttpAddress.Port}/ws/medical-imaging/{analysisId}{query}");

    private static async Task<List<JsonElement>> ReadAllAsync(ClientWebSocket socket)
    {
        var messages = new List<JsonElement>();
        var buffer = new byte[1 << 20];
        using var timeout = new CancellationTokenSource(Calls.Timeout);
        while (true)
        {
            var count = 0;
            WebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(buffer.AsMemory(count), timeout.Token) is var r
                    ? new WebSocketReceiveResult(r.Count, r.MessageType, r.EndOfMessage)
                    : throw new InvalidOperationException();
                count += received.Count;
            }
            while (!received.EndOfMessage);

            if (received.MessageType == WebSocketMessageType.Close)
            {
                return messages;
            }

            messages.Add(JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, count)).RootElement.Clone());
        }
    }

    private async Task<string> FinishedAnalysisAsync(string user)
    {
        var events = await _fixture.Client.AnalyzeAsync(Calls.Request(TestImages.ChestPhantomPng(96, seed: 41)), _fixture.AuthFor(user));
        return events[0].AnalysisId;
    }

    [Fact]
    public async Task Connect_WithBearerHeader_ReplaysConnectProgressResult_ThenCloses()
    {
        var analysisId = await FinishedAnalysisAsync("ws-user");
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + _fixture.Server.IssueToken("ws-user"));
        await socket.ConnectAsync(SocketUri(analysisId), CancellationToken.None);
        var messages = await ReadAllAsync(socket);

        Assert.Equal("connect", messages[0].GetProperty("type").GetString());
        Assert.Equal(analysisId, messages[0].GetProperty("analysisId").GetString());
        Assert.All(messages.Skip(1).SkipLast(1), m => Assert.Equal("progress", m.GetProperty("type").GetString()));
        var result = messages[^1];
        Assert.Equal("result", result.GetProperty("type").GetString());
        Assert.StartsWith("rpt_", result.GetProperty("report").GetProperty("id").GetString());
        var sequences = messages.Skip(1).Select(m => m.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
    }

    [Fact]
    public async Task Connect_AfterFourWithQueryToken_SendsExactlySequencesFiveToLastThenTheResult()
    {
        var events = await _fixture.Client.AnalyzeAsync(Calls.Request(TestImages.ChestPhantomPng(96, seed: 42)), _fixture.AuthFor("ws-resume"));
        var last = events[^1].Sequence;
        Assert.True(last > 5, $"the analysis has only {last} events: too few to test a resume after 4");
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(SocketUri(events[0].AnalysisId, $"?after=4&token={_fixture.Server.IssueToken("ws-resume")}"), CancellationToken.None);
        var messages = await ReadAllAsync(socket);

        Assert.Equal("connect", messages[0].GetProperty("type").GetString());
        var sequences = messages.Skip(1).Select(m => m.GetProperty("sequence").GetInt64());
        Assert.Equal(Enumerable.Range(5, (int)last - 4).Select(i => (long)i), sequences);
        Assert.Equal("result", messages[^1].GetProperty("type").GetString());
        Assert.Equal(events[^1].Result.Report.Id, messages[^1].GetProperty("report").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Connect_WithoutToken_Refused401()
    {
        using var socket = new ClientWebSocket();
        var error = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(SocketUri("ana_000000000000000000000000"), CancellationToken.None));
        Assert.Contains("401", error.Message);
    }

    [Fact]
    public async Task Connect_OtherUsersAnalysis_ErrorEventNotFound()
    {
        var analysisId = await FinishedAnalysisAsync("ws-owner");
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + _fixture.Server.IssueToken("ws-stranger"));
        await socket.ConnectAsync(SocketUri(analysisId), CancellationToken.None);
        var messages = await ReadAllAsync(socket);
        Assert.Equal("error", messages[^1].GetProperty("type").GetString());
        Assert.Equal(5, messages[^1].GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task IdleSocket_ClosedAfterWebSocketTimeout_WhileTheAnalysisWaitsOnAProvider()
    {
        await using var h = await Providers.ChainHarness.StartAsync(new() { ["WEBSOCKET_TIMEOUT"] = "1", ["PROVIDER_TIMEOUT_SECONDS"] = "30" });
        h.Gemini.Default = new MedicalImaging.Tests.Support.Fakes.ChatBehavior.Slow(TimeSpan.FromSeconds(6), MedicalImaging.Tests.Support.Fakes.FakeChatProvider.ValidFindings(1));
        using var call = h.Client.Analyze(Calls.Request(TestImages.ChestPhantomPng(64)), h.Auth, DateTime.UtcNow + Calls.Timeout);
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var analysisId = call.ResponseStream.Current.AnalysisId;

        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + h.Server.IssueToken("clinician"));
        var started = System.Diagnostics.Stopwatch.StartNew();
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{h.Server.HttpAddress.Port}/ws/medical-imaging/{analysisId}"), CancellationToken.None);
        var messages = await ReadAllAsync(socket);

        Assert.DoesNotContain(messages, m => m.GetProperty("type").GetString() == "result");
        Assert.Contains("idle", socket.CloseStatusDescription);
        // Closed for idleness before the provider's answer (6 s) could produce a result, and not before the
        // one-second WEBSOCKET_TIMEOUT ran out. No upper wall-clock bound: the missing result already proves it.
        Assert.True(started.Elapsed >= TimeSpan.FromSeconds(0.8), $"closed after {started.Elapsed}, before WEBSOCKET_TIMEOUT");
    }
}
