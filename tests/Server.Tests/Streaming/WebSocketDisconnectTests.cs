using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Server.Tests.Providers;
using MedicalImaging.Tests.Support;

namespace MedicalImaging.Server.Tests.Streaming;

/// <summary>A WebSocket watcher that drops mid-analysis changes nothing for the analysis, and is no server error.</summary>
public sealed class WebSocketDisconnectTests
{
    [Fact]
    public async Task WebSocketAbortedMidAnalysis_AnalysisCompletes_WatchAnalysisGetsTheResult_NoServerError()
    {
        await using var h = await ChainHarness.StartAsync();
        h.Gemini.Delay = TimeSpan.FromSeconds(1); // the vision call is still out when the socket drops
        var auth = h.Auth;
        var request = Calls.Request(TestImages.ChestPhantomPng(96, seed: 77));
        request.Options = new AnalysisOptions { SkipCache = true };
        string analysisId;
        using (var call = h.Client.Analyze(request, auth, DateTime.UtcNow + Calls.Timeout))
        {
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            analysisId = call.ResponseStream.Current.AnalysisId;
        }

        var seen = new List<string>();
        using (var socket = new ClientWebSocket())
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + h.Server.IssueToken("clinician"));
            await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{h.Server.HttpAddress.Port}/ws/medical-imaging/{analysisId}"), CancellationToken.None);
            var buffer = new byte[1 << 16];
            using var timeout = new CancellationTokenSource(Calls.Timeout);
            for (var i = 0; i < 2; i++)
            {
                var received = await socket.ReceiveAsync(buffer, timeout.Token);
                Assert.Equal(WebSocketMessageType.Text, received.MessageType);
                seen.Add(JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, received.Count)).RootElement.GetProperty("type").GetString()!);
            }

            socket.Abort(); // no close handshake: the TCP connection just goes
        }

        Assert.Equal("connect", seen[0]);
        Assert.DoesNotContain("result", seen);

        using var watch = h.Client.WatchAnalysis(new WatchAnalysisRequest { AnalysisId = analysisId }, auth, DateTime.UtcNow + Calls.Timeout);
        var events = new List<WatchAnalysisResponse>();
        await foreach (var item in watch.ResponseStream.ReadAllAsync())
        {
            events.Add(item);
        }

        Assert.StartsWith("rpt_", events[^1].Result.Report.Id, StringComparison.Ordinal);
        Assert.Equal("gemini", events[^1].Result.Report.Provenance.Provider);
        Assert.True(h.Server.Errors.Entries.Count == 0, string.Join(Environment.NewLine, h.Server.Errors.Entries));
    }
}
