using Grpc.Net.Client;
using MedicalImaging.Contracts.V1;

using static MedicalImaging.Server.Tests.Jobs.ProcessTestKit;

namespace MedicalImaging.Server.Tests.Jobs;

/// <summary>
/// kill -9 of a real server process mid-analysis, then a restart on the same data directory, with a slow AI
/// provider (a real HTTP fake) counting calls.
/// </summary>
public sealed class DurableAnalysisProcessTests
{
    [Fact]
    public async Task KillDuringReportCall_Restart_SameAnalysisCompletesWithOneReport_VisionNotCalledAgain_EventsContinuous()
    {
        await using var rig = await RestartRig.StartAsync(TimeSpan.FromSeconds(2));
        var gemini = rig.Gemini;
        var first = await rig.StartServerAsync();
        string analysisId;
        long lastSeen;
        await using (first)
        {
            using var channel = GrpcChannel.ForAddress(first.GrpcAddress);
            var client = new ImagingService.ImagingServiceClient(channel);
            using var call = client.Analyze(Request(), AuthFor(first, "durable"), DateTime.UtcNow + CallTimeout);
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
        await using var second = await rig.StartServerAsync();
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
            var reports = await client.ListReportsAsync(new ListReportsRequest { PageSize = 50 }, AuthFor(second, "durable"));
            Assert.Equal([report.Id], reports.Reports.Select(r => r.Id));
            Assert.Empty(second.ErrorLines);
        }
    }
}
