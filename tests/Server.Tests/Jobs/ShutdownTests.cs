using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Google.Rpc;
using Grpc.Core;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Server.Uploads;
using MedicalImaging.Server.Tests.Providers;
using MedicalImaging.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MedicalImaging.Server.Tests.Jobs;

/// <summary>
/// What a stopping server tells each kind of client (gRPC, WebSocket, REST NDJSON), and what a restart does
/// with a job it cannot resume.
/// </summary>
public sealed class ShutdownTests
{
    private static AnalyzeRequest Request(byte[] image)
    {
        var request = Calls.Request(image);
        request.Images[0].ModalityHint = "CR";
        request.Images[0].BodyPartHint = "CHEST";
        request.Options = new AnalysisOptions { SkipCache = true };
        return request;
    }

    private static async Task<(List<JsonElement> Messages, WebSocketCloseStatus? Close)> ReadSocketAsync(ClientWebSocket socket)
    {
        var messages = new List<JsonElement>();
        var buffer = new byte[1 << 20];
        using var timeout = new CancellationTokenSource(Calls.Timeout);
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer.AsMemory(), timeout.Token);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return (messages, socket.CloseStatus);
            }

            messages.Add(JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, received.Count)).RootElement.Clone());
        }
    }

    [Fact]
    public async Task Stopping_EveryOpenStreamEndsUnavailableWithRetry_NewAnalyzeRefused_NoErrorLog()
    {
        await using var h = await ChainHarness.StartAsync(new() { ["SHUTDOWN_GRACE_SECONDS"] = "0", ["PROVIDER_TIMEOUT_SECONDS"] = "60", ["MAX_RETRIES"] = "0" });
        h.Gemini.Delay = TimeSpan.FromSeconds(30);
        var token = h.Server.IssueToken("clinician");
        using var analyze = h.Client.Analyze(Request(TestImages.ChestPhantomPng(96, seed: 91)), h.Auth, DateTime.UtcNow + Calls.Timeout);
        Assert.True(await analyze.ResponseStream.MoveNext(CancellationToken.None));
        var analysisId = analyze.ResponseStream.Current.AnalysisId;

        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{h.Server.HttpAddress.Port}/ws/medical-imaging/{analysisId}"), CancellationToken.None);
        using var http = new HttpClient { BaseAddress = h.Server.HttpAddress, Timeout = Calls.Timeout };
        using var rest = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/medical-imaging/analyses/{analysisId}/events");
        rest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var restResponse = await http.SendAsync(rest, HttpCompletionOption.ResponseHeadersRead);
        var restBody = restResponse.Content.ReadAsStringAsync();
        var socketRead = ReadSocketAsync(socket);
        await Task.Delay(200);

        h.Server.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        var grpcError = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await analyze.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        });
        Assert.Equal(StatusCode.Unavailable, grpcError.StatusCode);
        Assert.True(grpcError.GetRpcStatus()!.GetDetail<RetryInfo>().RetryDelay.ToTimeSpan() > TimeSpan.Zero);

        var (messages, close) = await socketRead;
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, close);
        Assert.Equal("error", messages[^1].GetProperty("type").GetString());
        Assert.Equal(14, messages[^1].GetProperty("code").GetInt32());
        Assert.True(messages[^1].GetProperty("reconnect").GetBoolean());

        var lines = (await restBody).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(14, JsonDocument.Parse(lines[^1]).RootElement.GetProperty("code").GetInt32());

        var refused = await Assert.ThrowsAsync<RpcException>(() => h.Client.AnalyzeAsync(Request(TestImages.ChestPhantomPng(96, seed: 92)), h.Auth));
        Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
        Assert.Empty(h.Server.Errors.Entries);
    }

    [Fact]
    public async Task Restart_UnfinishedJobWhoseImagesAreGone_FailsWithMessageSayingSo()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("medimg-gone-").FullName;
        try
        {
            var image = TestImages.ChestPhantomPng(96, seed: 93);
            string analysisId;
            await using (var h = await ChainHarness.StartAsync(new() { ["MEDICAL_IMAGING_DATA_DIR"] = dataDirectory, ["SHUTDOWN_GRACE_SECONDS"] = "0", ["PROVIDER_TIMEOUT_SECONDS"] = "60" }))
            {
                h.Gemini.Delay = TimeSpan.FromSeconds(30);
                using var call = h.Client.Analyze(Request(image), h.Auth, DateTime.UtcNow + Calls.Timeout);
                Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
                analysisId = call.ResponseStream.Current.AnalysisId;
            }

            // The image is erased while the server is down (a deletion request): the job cannot resume.
            var imageId = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(image));
            await new FileImageStore(dataDirectory).ForgetAsync("clinician", imageId, CancellationToken.None);

            await using var restarted = await RunningServer.StartAsync(new Dictionary<string, string?> { ["MEDICAL_IMAGING_DATA_DIR"] = dataDirectory });
            using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(restarted.GrpcAddress);
            var client = new ImagingService.ImagingServiceClient(channel);
            var auth = new Metadata { { "authorization", "Bearer " + restarted.IssueToken("clinician") } };
            var error = await Assert.ThrowsAsync<RpcException>(async () =>
            {
                using var watch = client.WatchAnalysis(new WatchAnalysisRequest { AnalysisId = analysisId }, auth, DateTime.UtcNow + Calls.Timeout);
                await foreach (var _ in watch.ResponseStream.ReadAllAsync())
                {
                }
            });

            Assert.Equal(StatusCode.NotFound, error.StatusCode);
            Assert.Contains("no longer in the image store", error.Status.Detail, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
