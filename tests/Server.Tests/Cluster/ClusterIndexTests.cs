using System.Diagnostics;
using Grpc.Core;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Server.Cluster.Index;
using MedicalImaging.Server.Embeddings;
using MedicalImaging.Server.Tests.Storage;
using MedicalImaging.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace MedicalImaging.Server.Tests.Cluster;

/// <summary>
/// The similar-case index across replicas (CLUSTER_MODE=nats): real nats-server, real Neo4j, real servers. A report
/// stored on one replica is found similar on another; a deletion follows; a replica started late catches up from
/// the reports change stream without reading the graph.
/// </summary>
[Collection(Neo4jCollection.Name)]
public sealed class ClusterIndexTests
{
    private static readonly TimeSpan SeenTimeout = TimeSpan.FromSeconds(30);
    private readonly ITestOutputHelper _output;

    public ClusterIndexTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task FindSimilar_ReportsStoredOnReplicaA_FoundOnReplicaB_AndDeletionFollows_AndLateReplicaCatchesUp()
    {
        await using var nats = await NatsTestProcess.StartAsync();
        var settings = Settings(nats);
        var owner = "cluster-" + Guid.NewGuid().ToString("N");
        await using var a = await RunningServer.StartAsync(settings);
        await using var b = await RunningServer.StartAsync(settings);
        var clientA = Client(a, out var channelA);
        var clientB = Client(b, out var channelB);
        using var disposeA = channelA;
        using var disposeB = channelB;
        var auth = new Metadata { { "authorization", "Bearer " + a.IssueToken(owner) } };

        var first = (await clientA.AnalyzeToReportAsync(Calls.Request(TestImages.ChestPhantomPng(96, seed: 151)), auth)).Id;
        var second = (await clientA.AnalyzeToReportAsync(Calls.Request(TestImages.ChestPhantomPng(96, seed: 152)), auth)).Id;
        var stored = Stopwatch.StartNew();

        // B never stored either report: FindSimilar answers NotFound until the change stream has brought the vectors.
        var similar = await PollAsync(async () =>
        {
            try
            {
                var response = await clientB.FindSimilarAsync(new FindSimilarRequest { ReportId = second }, auth);
                return response.Results.Count > 0 ? response : null;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                return null;
            }
        });
        _output.WriteLine($"FindSimilar on B saw A's report {stored.Elapsed.TotalMilliseconds:F0} ms after A answered (includes the polling RPCs; busy machine)");
        Assert.Equal(first, Assert.Single(similar.Results).ReportId);
        Assert.Equal(first, (await clientB.GetReportAsync(new GetReportRequest { ReportId = first }, auth)).Report.Id);

        // A replica started now replays the stream at start: both vectors are there when it takes traffic.
        await using (var late = await RunningServer.StartAsync(settings))
        {
            var replicator = late.Services.GetRequiredService<ReportIndexReplicator>();
            Assert.True(replicator.CaughtUp);
            Assert.True(replicator.Applied >= 2, $"applied {replicator.Applied}");
            Assert.DoesNotContain(late.Services.GetServices<IHostedService>(), s => s is VectorIndexLoader);
            var index = late.Services.GetRequiredService<VectorIndex>();
            Assert.NotNull(index.Get(owner, first));
            Assert.NotNull(index.Get(owner, second));
        }

        await clientB.DeleteReportAsync(new DeleteReportRequest { ReportId = first }, auth);
        var indexA = a.Services.GetRequiredService<VectorIndex>();
        await PollAsync(() => Task.FromResult(indexA.Get(owner, first) is null ? (object?)true : null));
        Assert.NotNull(indexA.Get(owner, second));
        Assert.Empty(a.Errors.Entries);
        Assert.Empty(b.Errors.Entries);
    }

    internal static Dictionary<string, string?> Settings(NatsTestProcess nats)
    {
        var (uri, user, password) = Neo4jTestServer.Settings();
        return new Dictionary<string, string?>
        {
            ["CLUSTER_MODE"] = "nats", ["NATS_URL"] = nats.Url,
            ["STORAGE_PROVIDER"] = "neo4j", ["NEO4J_URI"] = uri, ["NEO4J_USER"] = user, ["NEO4J_PASSWORD"] = password,
            // Replicas behind one load balancer accept each other's tokens: one signing key.
            ["JWT_SECRET"] = "cluster-test-secret-0123456789abcdef0123456789abcdef",
            ["JWT_ISSUER"] = "medimaging-cluster-test", ["JWT_AUDIENCE"] = "medimaging",
        };
    }

    internal static ImagingService.ImagingServiceClient Client(RunningServer server, out Grpc.Net.Client.GrpcChannel channel)
    {
        channel = Grpc.Net.Client.GrpcChannel.ForAddress(server.GrpcAddress);
        return new ImagingService.ImagingServiceClient(channel);
    }

    /// <summary>Polls until <paramref name="probe"/> answers non-null (no timing threshold: the timeout only stops a hung test).</summary>
    internal static async Task<T> PollAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        using var timeout = new CancellationTokenSource(SeenTimeout);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(20, timeout.Token);
        }
    }
}
