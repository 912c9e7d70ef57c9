using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Server.Storage.Neo4j;
using MedicalImaging.Server.Tests.Storage;
using MedicalImaging.Tests.Support;
using Xunit.Abstractions;

namespace MedicalImaging.Server.Tests.Cluster;

/// <summary>
/// The cluster end to end, with real processes: nats-server (JetStream), Neo4j, three server replicas, nginx in
/// front. 300 analyses (local provider, small images) through nginx while one replica is killed (-9) mid-run: every
/// analysis completes with exactly one report, and every client, re-attached through nginx when its stream broke,
/// sees each event sequence number exactly once, without gaps. Then FindSimilar across replicas, a per-user rate
/// limit held cluster-wide, and the killed replica restarted late catching up.
/// </summary>
[Collection(Neo4jCollection.Name)]
public sealed class ClusterEndToEndTests
{
    private const int Analyses = 300;
    private const int Concurrency = 12;
    private const int KillAfterCompleted = 100;
    private const int RateLimit = 360;
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);
    private readonly ITestOutputHelper _output;

    public ClusterEndToEndTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Cluster_300AnalysesThroughNginx_OneReplicaKilled_EachCompletesOnceWithContinuousEvents()
    {
        var wall = Stopwatch.StartNew();
        await using var nats = await NatsTestProcess.StartAsync();
        var settings = ClusterIndexTests.Settings(nats).ToDictionary(kv => kv.Key, kv => kv.Value!, StringComparer.Ordinal);
        // A dead replica's jobs go back to the queue after 3 s (default 30) so the test stays short.
        settings["NATS_JOB_ACK_WAIT_SECONDS"] = "3";
        settings["RATE_LIMIT_REQUESTS_PER_MINUTE"] = RateLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Logging__LogLevel__Default"] = "Warning";
        var replicas = (await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ServerProcess.StartAsync(settings)))).ToList();
        try
        {
            await using var nginx = await NginxTestProcess.StartAsync(replicas.Select(r => (r.GrpcAddress, r.HttpAddress)).ToList());
            _output.WriteLine($"cluster up in {wall.Elapsed.TotalSeconds:F1} s");
            using var front = GrpcChannel.ForAddress(nginx.GrpcAddress);
            var client = new ImagingService.ImagingServiceClient(front);
            var owner = "e2e-" + Guid.NewGuid().ToString("N");
            var auth = new Metadata { { "authorization", "Bearer " + replicas[0].IssueToken(owner) } };

            // 300 analyses, 12 at a time; replica 1 is killed once 100 have completed.
            var outcomes = new ConcurrentBag<Outcome>();
            var completed = 0;
            var killed = new TaskCompletionSource();
            using var gate = new SemaphoreSlim(Concurrency);
            using var timeout = new CancellationTokenSource(RunTimeout);
            var (inBefore, outBefore) = await nats.MessageCountsAsync();
            var run = Stopwatch.StartNew();
            var tasks = Enumerable.Range(0, Analyses).Select(async i =>
            {
                await gate.WaitAsync(timeout.Token);
                try
                {
                    outcomes.Add(await RunAnalysisAsync(client, auth, i, timeout.Token));
                    if (Interlocked.Increment(ref completed) == KillAfterCompleted)
                    {
                        _ = Task.Run(async () =>
                        {
                            await replicas[1].KillAsync();
                            killed.TrySetResult();
                        });
                    }
                }
                finally
                {
                    gate.Release();
                }
            }).ToList();
            await Task.WhenAll(tasks);
            await killed.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var (inAfter, outAfter) = await nats.MessageCountsAsync();
            _output.WriteLine($"{Analyses} analyses in {run.Elapsed.TotalSeconds:F1} s; {outcomes.Count(o => o.Attachments > 1)} re-attached after the kill; "
                + $"NATS messages per analysis: {(inAfter - inBefore) / (double)Analyses:F1} in, {(outAfter - outBefore) / (double)Analyses:F1} out");

            // Every analysis finished with a report, each seen once, events 1..N without a gap or a repeat.
            Assert.Equal(Analyses, outcomes.Count);
            Assert.All(outcomes, o => Assert.Equal(Enumerable.Range(1, o.Sequences.Count).Select(s => (long)s), o.Sequences));
            Assert.Equal(Analyses, outcomes.Select(o => o.AnalysisId).Distinct(StringComparer.Ordinal).Count());
            var reportIds = outcomes.Select(o => o.ReportId).ToList();
            Assert.Equal(Analyses, reportIds.Distinct(StringComparer.Ordinal).Count());
            Assert.True(outcomes.Any(o => o.Attachments > 1), "no client had to re-attach: the kill came too late to test anything");

            // Exactly one report per analysis in the graph.
            var graph = Neo4jReportRepositoryTests.NewClient();
            await graph.DiscoverAsync(CancellationToken.None);
            var rows = (await graph.RunAsync(
                [new CypherStatement("MATCH (:User {id: $owner})-[:OWNS]->(r:Report) RETURN count(r), count(DISTINCT r.id)", new Dictionary<string, object?> { ["owner"] = owner })],
                CancellationToken.None))[0];
            Assert.Equal(Analyses, Assert.Single(rows)[0].GetInt64());
            Assert.Equal(Analyses, rows[0][1].GetInt64());

            // FindSimilar answers the same on both surviving replicas, whichever stored the report (scores compared:
            // equal scores may come in another order, as replicas indexed the reports in another order). The index
            // follows the change stream, so the last reports reach the other replicas a moment after their analyses
            // ended: each replica is first given up to 5 s to hold all of them (measured: well under 1 s).
            var probe = reportIds[0];
            var similarOn = new List<double[]>();
            foreach (var replica in new[] { replicas[0], replicas[2] })
            {
                using var direct = GrpcChannel.ForAddress(replica.GrpcAddress);
                var caughtUpIn = await WaitForIndexedReportsAsync(new ImagingService.ImagingServiceClient(direct), auth, Analyses, TimeSpan.FromSeconds(5));
                _output.WriteLine($"replica on {replica.GrpcAddress} indexed all {Analyses} reports {caughtUpIn.TotalMilliseconds:F0} ms after the last analysis was checked");
                var found = await new ImagingService.ImagingServiceClient(direct).FindSimilarAsync(new FindSimilarRequest { ReportId = probe, Limit = 5 }, auth);
                Assert.All(found.Results, r => Assert.Contains(r.ReportId, reportIds));
                similarOn.Add([.. found.Results.Select(r => Math.Round(r.Score, 4))]);
            }

            Assert.NotEmpty(similarOn[0]);
            Assert.Equal(similarOn[0], similarOn[1]);

            // The per-user rate limit holds across replicas: uploads alternating between the two live replicas are
            // refused once the user's cluster-wide budget is spent (per-replica limiters would let twice as many by).
            var limited = new Metadata { { "authorization", "Bearer " + replicas[0].IssueToken("e2e-limited-" + Guid.NewGuid().ToString("N")) } };
            var accepted = await UploadUntilRefusedAsync([replicas[0], replicas[2]], limited, RateLimit * 2);
            _output.WriteLine($"rate limit {RateLimit}/min: {accepted} uploads accepted over two replicas before the first refusal");
            Assert.InRange(accepted, 1, RateLimit);

            // The killed replica, restarted after all of this, has caught up from the reports change stream.
            replicas[1] = await replicas[1].RestartAsync();
            using (var late = GrpcChannel.ForAddress(replicas[1].GrpcAddress))
            {
                var lateClient = new ImagingService.ImagingServiceClient(late);
                var health = await lateClient.GetHealthAsync(new GetHealthRequest(), auth);
                Assert.True(health.Cluster.IndexCaughtUp);
                Assert.Equal(Analyses, health.IndexedReports);
                var found = await lateClient.FindSimilarAsync(new FindSimilarRequest { ReportId = probe, Limit = 5 }, auth);
                Assert.Equal(similarOn[0], found.Results.Select(r => Math.Round(r.Score, 4)));
            }

            _output.WriteLine($"whole test {wall.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            foreach (var replica in replicas)
            {
                await replica.DisposeAsync();
            }
        }
    }

    /// <summary>Polls a replica's health until its similar-case index holds <paramref name="expected"/> reports; how long that took.</summary>
    private static async Task<TimeSpan> WaitForIndexedReportsAsync(ImagingService.ImagingServiceClient client, Metadata auth, int expected, TimeSpan limit)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var health = await client.GetHealthAsync(new GetHealthRequest(), auth);
            if (health.IndexedReports >= expected)
            {
                return waited.Elapsed;
            }

            Assert.True(waited.Elapsed < limit, $"the replica's similar-case index holds {health.IndexedReports} of {expected} reports after {limit.TotalSeconds:F0} s");
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    /// <summary>
    /// One analysis through nginx. When the stream breaks (its replica died), re-attach through nginx: with the
    /// analysis id, WatchAnalysis after the last sequence seen; before any event, Analyze again with the same
    /// request id (which streams the analysis the first try started).
    /// </summary>
    private static async Task<Outcome> RunAnalysisAsync(ImagingService.ImagingServiceClient client, Metadata auth, int index, CancellationToken cancellationToken)
    {
        var request = Calls.Request(TestImages.ChestPhantomPng(64, seed: 10_000 + index));
        request.RequestId = $"e2e-{index}-{Guid.NewGuid():N}";
        var sequences = new List<long>();
        string? analysisId = null;
        var attachments = 0;
        for (var attempt = 0; ; attempt++)
        {
            attachments++;
            try
            {
                if (analysisId is null)
                {
                    using var call = client.Analyze(request, auth, cancellationToken: cancellationToken);
                    await foreach (var e in call.ResponseStream.ReadAllAsync(cancellationToken))
                    {
                        analysisId ??= e.AnalysisId;
                        sequences.Add(e.Sequence);
                        if (e.Result is { } result)
                        {
                            return new Outcome(analysisId, result.Report.Id, sequences, attachments);
                        }
                    }
                }
                else
                {
                    using var call = client.WatchAnalysis(new WatchAnalysisRequest { AnalysisId = analysisId, AfterSequence = sequences.Count == 0 ? 0 : sequences[^1] }, auth, cancellationToken: cancellationToken);
                    await foreach (var e in call.ResponseStream.ReadAllAsync(cancellationToken))
                    {
                        sequences.Add(e.Sequence);
                        if (e.Result is { } result)
                        {
                            return new Outcome(analysisId, result.Report.Id, sequences, attachments);
                        }
                    }
                }
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Cancelled or StatusCode.Unknown && attempt < 20)
            {
                // The replica serving this stream died: nginx sends the next attempt to a live one.
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    private static async Task<int> UploadUntilRefusedAsync(IReadOnlyList<ServerProcess> replicas, Metadata auth, int max)
    {
        var channels = replicas.Select(r => GrpcChannel.ForAddress(r.GrpcAddress)).ToList();
        try
        {
            var clients = channels.Select(c => new ImagingService.ImagingServiceClient(c)).ToList();
            var image = Google.Protobuf.ByteString.CopyFrom(TestImages.ChestPhantomPng(32, seed: 7));
            for (var i = 0; i < max; i++)
            {
                try
                {
                    using var call = clients[i % clients.Count].UploadImage(auth);
                    await call.RequestStream.WriteAsync(new UploadImageRequest { Metadata = new UploadImageMetadata { Filename = "limit.png" } });
                    await call.RequestStream.WriteAsync(new UploadImageRequest { Chunk = image });
                    await call.RequestStream.CompleteAsync();
                    await call.ResponseAsync;
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
                {
                    return i;
                }
            }

            return max;
        }
        finally
        {
            channels.ForEach(c => c.Dispose());
        }
    }

    private sealed record Outcome(string AnalysisId, string ReportId, List<long> Sequences, int Attachments);
}
