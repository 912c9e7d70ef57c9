using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using MedicalImaging.Server.Telemetry;
using MedicalImaging.Tests.Support;

namespace MedicalImaging.Server.Tests.Jobs;

/// <summary>The spans the pipeline starts: one per analysis, linked to the accepting call, with a child per stage.</summary>
public sealed class AnalysisSpanTests
{
    [Fact]
    public async Task Analyze_OneAnalysisSpanLinkedToTheCall_ChildSpanPerStageTaggedNotResumed()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is MedicalImagingTelemetry.SourceName or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var server = await RunningServer.StartAsync();
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(server.GrpcAddress);
        var client = new Contracts.V1.ImagingService.ImagingServiceClient(channel);
        var auth = new Metadata { { "authorization", "Bearer " + server.IssueToken("spans") } };

        var events = await client.AnalyzeAsync(Calls.Request(TestImages.ChestPhantomPng(96, seed: 61)), auth);
        var analysisId = events[0].AnalysisId;

        // The analysis span ends just after the result reached the client (the runner closes it once the outcome is
        // stored and sent), so it is waited for a little.
        bool IsAnalysis(Activity a) => a.OperationName == "analysis" && (string?)a.GetTagItem("medimaging.analysis_id") == analysisId;
        for (var waited = 0; waited < 100 && !stopped.Any(IsAnalysis); waited++)
        {
            await Task.Delay(50);
        }

        var analysis = Assert.Single(stopped, IsAnalysis);
        Assert.Equal(default, analysis.ParentSpanId);
        var link = Assert.Single(analysis.Links);
        Assert.Contains(stopped, a => a.SpanId == link.Context.SpanId && a.TraceId == link.Context.TraceId);
        var stages = stopped.Where(a => a.ParentSpanId == analysis.SpanId).ToList();
        Assert.Contains(stages, s => s.OperationName == "stage vision");
        Assert.Contains(stages, s => s.OperationName == "stage store");
        Assert.All(stages, s => Assert.Equal(false, s.GetTagItem("medimaging.resumed_from_checkpoint")));
    }
}
