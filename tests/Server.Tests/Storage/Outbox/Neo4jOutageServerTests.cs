using System.Diagnostics;
using Grpc.Core;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Server.Storage.Neo4j;
using MedicalImaging.Tests.Support;
using Xunit.Abstractions;

namespace MedicalImaging.Server.Tests.Storage.Outbox;

/// <summary>The whole server on STORAGE_PROVIDER=neo4j through Neo4j outages: analyses complete, no report is lost or doubled.</summary>
[Collection(Neo4jCollection.Name)]
public sealed class Neo4jOutageServerTests
{
    private readonly ITestOutputHelper _output;

    public Neo4jOutageServerTests(ITestOutputHelper output) => _output = output;

    /// <summary>Short Neo4j timeouts so outages show in seconds; the attempt timeout still leaves a freshly restarted Neo4j time to answer.</summary>
    private static Dictionary<string, string?> Settings(string uri, string user, string password, int attemptSeconds = 3, int retries = 1) => new()
    {
        ["STORAGE_PROVIDER"] = "neo4j", ["NEO4J_URI"] = uri, ["NEO4J_USER"] = user, ["NEO4J_PASSWORD"] = password,
        ["NEO4J_TIMEOUT_SECONDS"] = (attemptSeconds * (retries + 1)).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["NEO4J_ATTEMPT_TIMEOUT_SECONDS"] = attemptSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["NEO4J_MAX_RETRIES"] = retries.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["OUTBOX_RETRY_MAX_SECONDS"] = "1",
    };

    private static async Task<(long Total, long Distinct)> CountReportsAsync(string owner)
    {
        var client = Neo4jReportRepositoryTests.NewClient();
        await client.DiscoverAsync(CancellationToken.None);
        var row = (await client.RunAsync(
            [new CypherStatement("MATCH (r:Report) WHERE r.owner_id = $owner RETURN count(r), count(DISTINCT r.id)", new Dictionary<string, object?> { ["owner"] = owner })],
            CancellationToken.None))[0][0];
        return (row[0].GetInt64(), row[1].GetInt64());
    }

    private static async Task<long> WaitForEmptyOutboxAsync(ImagingService.ImagingServiceClient client, Metadata auth, TimeSpan within)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var depth = (await client.GetHealthAsync(new GetHealthRequest(), auth)).Database.OutboxDepth;
            if (depth == 0 || waited.Elapsed > within)
            {
                return depth;
            }

            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Analyze_WhileNeo4jStalls_CompletesWithTheReportPendingUntilNeo4jAnswers()
    {
        var (uri, user, password) = Neo4jTestServer.Settings();
        await using var proxy = await FlakyProxy.StartAsync(new Uri(uri), failures: 0);
        var owner = "stall-" + Guid.NewGuid().ToString("N");
        await using var server = await RunningServer.StartAsync(Settings(proxy.BaseAddress.ToString(), user, password, attemptSeconds: 1, retries: 0));
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(server.GrpcAddress);
        var client = new ImagingService.ImagingServiceClient(channel);
        var auth = new Metadata { { "authorization", "Bearer " + server.IssueToken(owner) } };

        proxy.Stalling = true;
        var events = await client.AnalyzeAsync(Calls.Request(TestImages.ChestPhantomPng(96, seed: 91)), auth);
        var report = events[^1].Result.Report;

        Assert.StartsWith("rpt_", report.Id, StringComparison.Ordinal);
        Assert.True(proxy.Stalled > 0);
        Assert.True((await client.GetReportAsync(new GetReportRequest { ReportId = report.Id }, auth)).Report.StoragePending);
        var health = await client.GetHealthAsync(new GetHealthRequest(), auth);
        Assert.Equal(1, health.Database.OutboxDepth);
        Assert.False(health.Database.Healthy);

        proxy.Stalling = false;
        Assert.True(Assert.Single((await client.ListReportsAsync(new ListReportsRequest(), auth)).Reports).StoragePending);
        Assert.Equal(0, await WaitForEmptyOutboxAsync(client, auth, TimeSpan.FromSeconds(60)));
        Assert.False((await client.GetReportAsync(new GetReportRequest { ReportId = report.Id }, auth)).Report.StoragePending);
        Assert.False(Assert.Single((await client.ListReportsAsync(new ListReportsRequest(), auth)).Reports).StoragePending);
        Assert.Equal((1, 1), await CountReportsAsync(owner));
    }

    [Fact]
    public async Task ServerStopping_DuringAStalledReportWrite_CancelsTheWriteAndKeepsTheReportInTheOutbox()
    {
        var (uri, user, password) = Neo4jTestServer.Settings();
        await using var proxy = await FlakyProxy.StartAsync(new Uri(uri), failures: 0);
        var data = Directory.CreateTempSubdirectory("medimg-stop-").FullName;
        try
        {
            // Timeouts far longer than the test: only the server stopping can end the stalled write.
            var settings = Settings(proxy.BaseAddress.ToString(), user, password, attemptSeconds: 300, retries: 0);
            settings["MEDICAL_IMAGING_DATA_DIR"] = data;
            var server = await RunningServer.StartAsync(settings);
            Task<List<AnalyzeResponse>> analysis;
            using (var channel = Grpc.Net.Client.GrpcChannel.ForAddress(server.GrpcAddress))
            {
                var client = new ImagingService.ImagingServiceClient(channel);
                var auth = new Metadata { { "authorization", "Bearer " + server.IssueToken("stopping") } };
                proxy.StallingReportWrites = true;
                analysis = client.AnalyzeAsync(Calls.Request(TestImages.ChestPhantomPng(96, seed: 93)), auth);
                while (proxy.Stalled == 0)
                {
                    await Task.Delay(50).WaitAsync(Calls.Timeout);
                    Assert.False(analysis.IsCompleted, "the analysis ended before its report write reached Neo4j");
                }

                await server.DisposeAsync().AsTask().WaitAsync(Calls.Timeout);
                await Task.WhenAny(analysis, Task.Delay(Calls.Timeout));
            }

            var outbox = OutboxTestParts.NewOutbox(data);
            await outbox.InitializeAsync(CancellationToken.None);
            var kept = Assert.Single(await outbox.OldestAsync(10, CancellationToken.None));
            Assert.Equal("stopping", (await outbox.LoadAsync(kept, CancellationToken.None))!.Report.OwnerId);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Analyze_FiftyWhileNeo4jIsStoppedAndRestarted_AllAcknowledgedAndEachStoredOnce()
    {
        var (uri, user, password) = Neo4jTestServer.Settings();
        var owner = "outage-" + Guid.NewGuid().ToString("N");
        var stopped = false;
        try
        {
            await using var server = await RunningServer.StartAsync(Settings(uri, user, password));
            using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(server.GrpcAddress);
            var client = new ImagingService.ImagingServiceClient(channel);
            var auth = new Metadata { { "authorization", "Bearer " + server.IssueToken(owner) } };
            var acknowledged = new System.Collections.Concurrent.ConcurrentBag<string>();

            async Task AnalyzeAsync(int from, int count)
            {
                await Parallel.ForEachAsync(Enumerable.Range(from, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
                {
                    var events = await client.AnalyzeAsync(Calls.Request(TestImages.ChestPhantomPng(64, seed: 1000 + i)), auth);
                    Assert.Equal(AnalyzeResponse.EventOneofCase.Result, events[^1].EventCase);
                    acknowledged.Add(events[^1].Result.Report.Id);
                });
            }

            var clock = Stopwatch.StartNew();
            // 10 while Neo4j is up, stopping it half-way through them; 30 while it is down; 10 while it restarts.
            var first = AnalyzeAsync(0, 10);
            while (acknowledged.Count < 5)
            {
                await Task.Delay(50);
            }

            stopped = true;
            var stopping = clock.Elapsed;
            await Task.WhenAll(first, Neo4jTestProcess.StopAsync());
            var down = clock.Elapsed;
            await AnalyzeAsync(10, 30);
            var downAnalysesDone = clock.Elapsed;
            var depthWhileDown = (await client.GetHealthAsync(new GetHealthRequest(), auth)).Database.OutboxDepth;
            var restart = Neo4jTestProcess.StartAsync(TimeSpan.FromSeconds(90));
            await Task.WhenAll(AnalyzeAsync(40, 10), restart);
            stopped = false;
            var up = clock.Elapsed;

            Assert.Equal(50, acknowledged.Distinct().Count());
            Assert.True(depthWhileDown >= 30, $"only {depthWhileDown} reports were kept while Neo4j was down");
            var depthWhenUp = (await client.GetHealthAsync(new GetHealthRequest(), auth)).Database.OutboxDepth;
            Assert.Equal(0, await WaitForEmptyOutboxAsync(client, auth, TimeSpan.FromSeconds(120)));
            var drained = clock.Elapsed;
            _output.WriteLine($"stop begun {stopping.TotalSeconds:F1} s, down {down.TotalSeconds:F1} s, 30 analyses while down done {downAnalysesDone.TotalSeconds:F1} s " +
                $"(outbox {depthWhileDown}), up {up.TotalSeconds:F1} s (outbox {depthWhenUp}), drained {drained.TotalSeconds:F1} s " +
                $"({depthWhenUp / Math.Max(0.001, (drained - up).TotalSeconds):F1} reports/s)");
            Assert.Equal((50, 50), await CountReportsAsync(owner));
            var listed = new List<ReportSummary>();
            var token = string.Empty;
            do
            {
                var page = await client.ListReportsAsync(new ListReportsRequest { PageSize = 20, PageToken = token }, auth);
                listed.AddRange(page.Reports);
                token = page.NextPageToken;
            }
            while (token.Length > 0);
            Assert.Equal(acknowledged.Order(StringComparer.Ordinal), listed.Select(r => r.Id).Order(StringComparer.Ordinal));
            Assert.DoesNotContain(listed, r => r.StoragePending);
        }
        finally
        {
            if (stopped)
            {
                // Whatever failed, the other Neo4j tests get their server back.
                await Neo4jTestProcess.StartAsync(TimeSpan.FromSeconds(90));
            }
        }
    }
}
