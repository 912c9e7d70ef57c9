using Grpc.Core;
using Grpc.Net.Client;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Server.Tests.Jobs;
using MedicalImaging.Server.Tests.Storage;
using MedicalImaging.Tests.Support;
using MedicalImaging.Tests.Support.Fakes;

namespace MedicalImaging.Server.Tests.Cluster;

/// <summary>
/// Jobs and events on NATS JetStream (CLUSTER_MODE=nats) with a real nats-server, the test Neo4j and real
/// servers: an analysis is watched on another replica with the same numbers, a running job stays on its replica
/// past the ack wait (heartbeats), and a job whose replica was killed is redelivered and finished elsewhere.
/// </summary>
[Collection(Neo4jCollection.Name)]
public sealed class ClusterJobTests
{
    [Fact]
    public async Task WatchAnalysis_StartedOnReplicaA_WatchedLiveOnReplicaB_SameSequencesAndReport_OneRunDespiteAckWait()
    {
        await using var gemini = await FakeChatProvider.StartAsync("gemini");
        // Each provider call outlasts the ack wait: only the heartbeats keep the job from going to the other replica.
        gemini.Delay = TimeSpan.FromSeconds(3);
        var cluster = ClusterReplicas.Settings(NatsTestServer.NewPrefix(), ackWaitSeconds: 2);
        await using var a = await RunningServer.StartAsync(ClusterReplicas.With(cluster, Provider(gemini)));
        await using var b = await RunningServer.StartAsync(ClusterReplicas.With(cluster, Provider(gemini)));
        using var channelA = GrpcChannel.ForAddress(a.GrpcAddress);
        using var channelB = GrpcChannel.ForAddress(b.GrpcAddress);
        var auth = Auth(a, "cluster-watch-" + Guid.NewGuid().ToString("N"));

        using var call = new ImagingService.ImagingServiceClient(channelA).Analyze(ProcessTestKit.Request(), auth, DateTime.UtcNow + ProcessTestKit.CallTimeout);
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var live = new List<AnalyzeResponse> { call.ResponseStream.Current };
        // B follows from the start while the analysis is still at its first provider call.
        var watching = WatchToEndAsync(new ImagingService.ImagingServiceClient(channelB), live[0].AnalysisId, 0, auth);
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            live.Add(call.ResponseStream.Current);
        }

        var watched = await watching;
        Assert.Equal(Enumerable.Range(1, live.Count).Select(i => (long)i), live.Select(e => e.Sequence));
        Assert.Equal(live.Select(e => e.Sequence), watched.Select(e => e.Sequence));
        Assert.Equal(live.Select(e => e.Progress?.Message), watched.Select(e => e.Progress?.Message));
        Assert.Equal(live[^1].Result.Report.Id, watched[^1].Result.Report.Id);
        Assert.Equal(live[0].AnalysisId, watched[^1].Result.Report.AnalysisId);
        Assert.Equal(1, ProcessTestKit.VisionCalls(gemini));
        Assert.Equal(1, ProcessTestKit.ReportCalls(gemini));
        Assert.Empty(a.Errors.Entries);
        Assert.Empty(b.Errors.Entries);
    }

    [Fact]
    public async Task Job_ReplicaKilledMidAnalysis_RedeliveredAfterAckWait_OtherReplicaResumesFromCheckpoint_OneReport()
    {
        await using var gemini = await FakeChatProvider.StartAsync("gemini");
        gemini.Delay = TimeSpan.FromSeconds(2);
        var cluster = ClusterReplicas.Settings(NatsTestServer.NewPrefix(), ackWaitSeconds: 3);
        var owner = "cluster-kill-" + Guid.NewGuid().ToString("N");
        using var data = new TempDataDirectory();
        string analysisId;
        long lastSeen;
        await using (var first = await ServerProcess.StartAsync(new Dictionary<string, string>(cluster.Concat(ProcessTestKit.ProviderSettings(gemini, data.Path)))))
        {
            using var channel = GrpcChannel.ForAddress(first.GrpcAddress);
            using var call = new ImagingService.ImagingServiceClient(channel).Analyze(ProcessTestKit.Request(), ProcessTestKit.AuthFor(first, owner), DateTime.UtcNow + ProcessTestKit.CallTimeout);
            AnalyzeResponse current;
            do
            {
                Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None), "the analysis ended before its report stage");
                current = call.ResponseStream.Current;
            }
            while (current.Progress?.Stage != AnalysisStage.Report);

            // Vision is answered and checkpointed in KV; the report call is in flight. The replica dies without a word.
            analysisId = current.AnalysisId;
            lastSeen = current.Sequence;
            await first.KillAsync();
        }

        Assert.Equal(1, ProcessTestKit.VisionCalls(gemini));
        await using var second = await RunningServer.StartAsync(ClusterReplicas.With(cluster, Provider(gemini)));
        using var channelB = GrpcChannel.ForAddress(second.GrpcAddress);
        var client = new ImagingService.ImagingServiceClient(channelB);
        var auth = Auth(second, owner);
        var events = await WatchToEndAsync(client, analysisId, 0, auth);

        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.True(events.Count > lastSeen);
        var report = events[^1].Result.Report;
        Assert.Equal(analysisId, report.AnalysisId);
        Assert.Contains(events, e => e.Progress?.Message.Contains("restored from the checkpoint", StringComparison.Ordinal) == true);
        Assert.Equal(1, ProcessTestKit.VisionCalls(gemini));
        Assert.InRange(ProcessTestKit.ReportCalls(gemini), 1, 2);
        var reports = await client.ListReportsAsync(new ListReportsRequest { PageSize = 50 }, auth);
        Assert.Equal(report.Id, Assert.Single(reports.Reports).Id);
        Assert.Empty(second.Errors.Entries);
    }

    private static Dictionary<string, string> Provider(FakeChatProvider gemini)
    {
        var settings = ProcessTestKit.ProviderSettings(gemini, "unused");
        settings.Remove("MEDICAL_IMAGING_DATA_DIR");
        return settings;
    }

    private static Metadata Auth(RunningServer server, string user) => new() { { "authorization", "Bearer " + server.IssueToken(user) } };

    private static async Task<List<WatchAnalysisResponse>> WatchToEndAsync(ImagingService.ImagingServiceClient client, string analysisId, long after, Metadata auth)
    {
        using var call = client.WatchAnalysis(new WatchAnalysisRequest { AnalysisId = analysisId, AfterSequence = after }, auth, DateTime.UtcNow + ProcessTestKit.CallTimeout);
        var events = new List<WatchAnalysisResponse>();
        await foreach (var item in call.ResponseStream.ReadAllAsync())
        {
            events.Add(item);
        }

        return events;
    }
}
