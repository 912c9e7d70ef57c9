using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Tests.Support;
using MedicalImaging.Tests.Support.Fakes;

namespace MedicalImaging.Server.Tests.Jobs;

/// <summary>
/// Durable analyses through real server processes: a kill -9 mid-analysis and a SIGTERM mid-stream, each
/// followed by a restart on the same data directory, with a slow AI provider (a real HTTP fake) counting calls.
/// </summary>
public sealed class DurableAnalysisProcessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private static Dictionary<string, string> ProviderSettings(FakeChatProvider gemini, string dataDirectory, int graceSeconds = 20) => new()
    {
        ["MEDICAL_IMAGING_DATA_DIR"] = dataDirectory,
        ["GEMINI_API_KEY"] = "gemini-test-key",
        ["GEMINI_BASE_URL"] = gemini.BaseAddress.ToString(),
        ["OPENROUTER_API_KEY"] = "",
        ["GROQ_API_KEY"] = "",
        ["PROVIDER_TIMEOUT_SECONDS"] = "30",
        ["MAX_RETRIES"] = "0",
        ["SHUTDOWN_GRACE_SECONDS"] = graceSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static AnalyzeRequest Request()
    {
        var request = Calls.Request(TestImages.ChestPhantomPng(128, seed: 71));
        request.Images[0].ModalityHint = "CR";
        request.Images[0].BodyPartHint = "CHEST";
        request.Options = new AnalysisOptions { SkipCache = true };
        return request;
    }

    private static int VisionCalls(FakeChatProvider fake) => fake.Requests.Count(r => r.Body.Contains("image_findings", StringComparison.Ordinal));

    private static int ReportCalls(FakeChatProvider fake) => fake.Requests.Count(r => r.Body.Contains("structured_report", StringComparison.Ordinal));

    private static Metadata Auth(ServerProcess server, string user) => new() { { "authorization", "Bearer " + server.IssueToken(user) } };

    private static async Task<List<WatchAnalysisResponse>> WatchToEndAsync(ServerProcess server, string user, string analysisId, long after)
    {
        using var channel = GrpcChannel.ForAddress(server.GrpcAddress);
        var client = new ImagingService.ImagingServiceClient(channel);
        using var call = client.WatchAnalysis(new WatchAnalysisRequest { AnalysisId = analysisId, AfterSequence = after }, Auth(server, user), DateTime.UtcNow + Timeout);
        var events = new List<WatchAnalysisResponse>();
        await foreach (var item in call.ResponseStream.ReadAllAsync())
        {
            events.Add(item);
        }

        return events;
    }

    [Fact]
    public async Task KillDuringReportCall_Restart_SameAnalysisCompletesWithOneReport_VisionNotCalledAgain_EventsContinuous()
    {
        await using var gemini = await FakeChatProvider.StartAsync("gemini");
        gemini.Delay = TimeSpan.FromSeconds(2);
        using var data = new DataDirectory();
        var dataDirectory = data.Path;
        var first = await ServerProcess.StartAsync(ProviderSettings(gemini, dataDirectory));
        string analysisId;
        long lastSeen;
        await using (first)
        {
            using var channel = GrpcChannel.ForAddress(first.GrpcAddress);
            var client = new ImagingService.ImagingServiceClient(channel);
            using var call = client.Analyze(Request(), Auth(first, "durable"), DateTime.UtcNow + Timeout);
            AnalyzeResponse current;
            do
            {
                Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None), "the analysis ended before its report stage");
                current = call.ResponseStream.Current;
            }
            while (current.Progress?.Stage != AnalysisStage.Report);

            // Vision is answered and checkpointed; the report-writing call is in flight at the slow provider.
            analysisId = current.AnalysisId;
            lastSeen = current.Sequence;
            await first.KillAsync();
        }

        Assert.Equal(1, VisionCalls(gemini));
        await using var second = await ServerProcess.StartAsync(ProviderSettings(gemini, dataDirectory));
        {
            var events = await WatchToEndAsync(second, "durable", analysisId, 0);

            Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
            Assert.True(events.Count > lastSeen);
            Assert.All(events, e => Assert.Equal(analysisId, e.AnalysisId));
            var report = events[^1].Result.Report;
            Assert.Equal(analysisId, report.AnalysisId);
            Assert.Equal("gemini", report.Provenance.Provider);
            Assert.Contains(events, e => e.Progress?.Message.Contains("restored from the checkpoint", StringComparison.Ordinal) == true);
            Assert.Equal(1, VisionCalls(gemini));
            Assert.InRange(ReportCalls(gemini), 1, 2);

            using var channel = GrpcChannel.ForAddress(second.GrpcAddress);
            var client = new ImagingService.ImagingServiceClient(channel);
            var reports = await client.ListReportsAsync(new ListReportsRequest { PageSize = 50 }, Auth(second, "durable"));
            Assert.Equal([report.Id], reports.Reports.Select(r => r.Id));
            Assert.Empty(second.ErrorLines);
        }
    }

    [Fact]
    public async Task SigtermMidStream_UnavailableWithRetryInfo_ExitsZeroWithoutErrorLog_WatchAfterRestartGetsTheRest()
    {
        await using var gemini = await FakeChatProvider.StartAsync("gemini");
        gemini.Delay = TimeSpan.FromSeconds(3);
        const int grace = 15;
        using var data = new DataDirectory();
        var dataDirectory = data.Path;
        var first = await ServerProcess.StartAsync(ProviderSettings(gemini, dataDirectory, grace));
        string analysisId;
        long lastSeen = 0;
        await using (first)
        {
            using var channel = GrpcChannel.ForAddress(first.GrpcAddress);
            var client = new ImagingService.ImagingServiceClient(channel);
            using var call = client.Analyze(Request(), Auth(first, "graceful"), DateTime.UtcNow + Timeout);
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            analysisId = call.ResponseStream.Current.AnalysisId;
            lastSeen = call.ResponseStream.Current.Sequence;
            while (call.ResponseStream.Current.Progress?.Stage != AnalysisStage.Vision)
            {
                Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
                lastSeen = call.ResponseStream.Current.Sequence;
            }

            // The vision call is in flight at the slow provider: stop the server as a deploy would.
            var stopping = System.Diagnostics.Stopwatch.StartNew();
            await first.TerminateAsync();
            var error = await Assert.ThrowsAsync<RpcException>(async () =>
            {
                while (await call.ResponseStream.MoveNext(CancellationToken.None))
                {
                    lastSeen = call.ResponseStream.Current.Sequence;
                }
            });
            Assert.Equal(StatusCode.Unavailable, error.StatusCode);
            Assert.True(error.GetRpcStatus()!.GetDetail<RetryInfo>().RetryDelay.ToTimeSpan() > TimeSpan.Zero);
            Assert.Contains("WatchAnalysis", error.Status.Detail, StringComparison.Ordinal);

            await first.WaitForExitAsync(TimeSpan.FromSeconds(grace + 10));
            Assert.Equal(0, first.ExitCode);
            Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(grace + 5), $"stopping took {stopping.Elapsed}");
            Assert.Empty(first.ErrorLines);
            Assert.Contains(first.Output, l => l.Contains("stopped for shutdown", StringComparison.Ordinal));
        }

        var visionCallsBeforeRestart = VisionCalls(gemini);
        Assert.Equal(1, visionCallsBeforeRestart);
        await using var second = await ServerProcess.StartAsync(ProviderSettings(gemini, dataDirectory));
        {
            var rest = await WatchToEndAsync(second, "graceful", analysisId, lastSeen);

            Assert.Equal(Enumerable.Range((int)lastSeen + 1, rest.Count).Select(i => (long)i), rest.Select(e => e.Sequence));
            Assert.Equal(analysisId, rest[^1].Result.Report.AnalysisId);
            // The vision answer arrived within the grace and was checkpointed: the restart did not ask again.
            Assert.Equal(1, VisionCalls(gemini));
            Assert.Empty(second.ErrorLines);
        }
    }

    /// <summary>A data directory kept across the restarts of one test, deleted at its end.</summary>
    private sealed class DataDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("medimg-durable-").FullName;

        public void Dispose() => ServerProcess.DeleteDataDirectory(Path);
    }
}
