using MedicalImaging.Client;
using MedicalImaging.Tests.Support;
using MedicalImaging.Tests.Support.Fakes;

namespace MedicalImaging.Clients.Tests;

/// <summary>
/// The SDK across a deploy: a real server process is stopped (SIGTERM) while AnalyzeAsync streams, and a new one
/// starts on the same address and data directory; the caller's one AnalyzeAsync loop sees every event once.
/// </summary>
public sealed class SdkReattachProcessTests
{
    [Fact]
    public async Task AnalyzeAsync_ServerRestartedMidStream_ReattachesAndYieldsEverySequenceOnceThenTheResult()
    {
        await using var gemini = await FakeChatProvider.StartAsync("gemini");
        gemini.Delay = TimeSpan.FromSeconds(3);
        using var data = new TempDataDirectory("medimg-sdk-reattach-");
        var first = await ServerProcess.StartAsync(ProcessServerSettings.WithFakeGemini(gemini, data.Path, graceSeconds: 10));
        ServerProcess? second = null;
        try
        {
            using var client = ImagingClient.Create(new ImagingClientOptions
            {
                Address = first.GrpcAddress,
                Token = first.IssueToken("sdk-reattach"),
                ReattachTimeout = TimeSpan.FromSeconds(90),
            });
            var submission = new AnalysisSubmission
            {
                Images = [new ImageFile("chest.png", TestImages.ChestPhantomPng(128, seed: 73), "CR", "CHEST")],
                SkipCache = true,
            };
            var updates = new List<AnalysisUpdate>();
            Task? restart = null;
            await foreach (var update in client.AnalyzeAsync(submission))
            {
                updates.Add(update);
                if (restart is null && update.Progress?.Stage == "vision")
                {
                    // The vision call is in flight at the slow provider: deploy a new server at the same address.
                    restart = Task.Run(async () =>
                    {
                        await first.TerminateAsync();
                        await first.WaitForExitAsync(TimeSpan.FromSeconds(30));
                        second = await ServerProcess.StartAsync(first.Settings);
                    });
                }
            }

            Assert.NotNull(restart);
            await restart;
            Assert.Equal(0, first.ExitCode);
            Assert.NotNull(second);
            Assert.Equal(Enumerable.Range(1, updates.Count).Select(i => (long)i), updates.Select(u => u.Sequence));
            Assert.Single(updates.Select(u => u.AnalysisId).Distinct());
            var result = Assert.IsType<AnalysisResult>(updates[^1].Result);
            Assert.Equal(updates[0].AnalysisId, result.Report.AnalysisId);
            // One analysis, not two: the re-attach watched the stored one (the vision answer was checkpointed or
            // asked once more after the stop, never for a second analysis).
            Assert.InRange(gemini.Requests.Count(r => r.Body.Contains("image_findings", StringComparison.Ordinal)), 1, 2);
            var page = await client.ListReportsAsync();
            Assert.Single(page.Reports);
        }
        finally
        {
            await first.DisposeAsync();
            if (second is not null)
            {
                await second.DisposeAsync();
            }
        }
    }
}
