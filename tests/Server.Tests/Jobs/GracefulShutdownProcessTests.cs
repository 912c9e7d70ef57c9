using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using MedicalImaging.Contracts.V1;

using static MedicalImaging.Server.Tests.Jobs.ProcessTestKit;

namespace MedicalImaging.Server.Tests.Jobs;

/// <summary>
/// SIGTERM to a real server process while a client streams an analysis, then a restart on the same data
/// directory where the client re-attaches (a separate class from the kill -9 test so the two run in parallel).
/// </summary>
public sealed class GracefulShutdownProcessTests
{
    [Fact]
    public async Task SigtermMidStream_UnavailableWithRetryInfo_ExitsZeroWithoutErrorLog_WatchAfterRestartGetsTheRest()
    {
        const int grace = 15;
        await using var rig = await RestartRig.StartAsync(TimeSpan.FromSeconds(3));
        var gemini = rig.Gemini;
        var first = await rig.StartServerAsync(grace);
        string analysisId;
        long lastSeen = 0;
        await using (first)
        {
            using var channel = GrpcChannel.ForAddress(first.GrpcAddress);
            var client = new ImagingService.ImagingServiceClient(channel);
            using var call = client.Analyze(Request(), AuthFor(first, "graceful"), DateTime.UtcNow + CallTimeout);
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            analysisId = call.ResponseStream.Current.AnalysisId;
            lastSeen = call.ResponseStream.Current.Sequence;
            while (call.ResponseStream.Current.Progress?.Stage != AnalysisStage.Vision)
            {
                Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
                lastSeen = call.ResponseStream.Current.Sequence;
            }

            // The vision call is in flight at the slow provider: stop the server as a deploy would.
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

            // A hang past the grace period fails here (the wait is the bound; a wall-clock assertion on a busy machine was not).
            await first.WaitForExitAsync(TimeSpan.FromSeconds(grace + 10));
            Assert.Equal(0, first.ExitCode);
            Assert.Empty(first.ErrorLines);
            Assert.Contains(first.Output, l => l.Contains("stopped for shutdown", StringComparison.Ordinal));
        }

        var visionCallsBeforeRestart = VisionCalls(gemini);
        Assert.Equal(1, visionCallsBeforeRestart);
        await using var second = await rig.StartServerAsync();
        {
            var rest = await WatchToEndAsync(second, "graceful", analysisId, lastSeen);

            Assert.Equal(Enumerable.Range((int)lastSeen + 1, rest.Count).Select(i => (long)i), rest.Select(e => e.Sequence));
            Assert.Equal(analysisId, rest[^1].Result.Report.AnalysisId);
            // The vision answer arrived within the grace and was checkpointed: the restart did not ask again.
            Assert.Equal(1, VisionCalls(gemini));
            Assert.Empty(second.ErrorLines);
        }
    }
}
