using Grpc.Core;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Server.Storage.Neo4j;
using MedicalImaging.Tests.Support;

namespace MedicalImaging.Server.Tests.Storage;

/// <summary>The whole server on STORAGE_PROVIDER=neo4j, and the start-up check of NEO4J_URI.</summary>
[Collection(Neo4jCollection.Name)]
public sealed class Neo4jServerTests
{
    [Fact]
    public async Task Server_OnNeo4j_AnalyzesStoresListsFindsSimilarAndDeletes_AndReloadsTheIndex()
    {
        var (uri, user, password) = Neo4jTestServer.Settings();
        var data = Directory.CreateTempSubdirectory("medimg-neo4j-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["STORAGE_PROVIDER"] = "neo4j", ["NEO4J_URI"] = uri, ["NEO4J_USER"] = user, ["NEO4J_PASSWORD"] = password,
            ["MEDICAL_IMAGING_DATA_DIR"] = data,
        };
        var owner = "neo4j-" + Guid.NewGuid().ToString("N");
        try
        {
            string first, second;
            await using (var server = await RunningServer.StartAsync(settings))
            {
                using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(server.GrpcAddress);
                var client = new ImagingService.ImagingServiceClient(channel);
                var auth = new Metadata { { "authorization", "Bearer " + server.IssueToken(owner) } };
                first = (await client.AnalyzeToReportAsync(Calls.Request(TestImages.ChestPhantomPng(96, seed: 81)), auth)).Id;
                second = (await client.AnalyzeToReportAsync(Calls.Request(TestImages.ChestPhantomPng(96, seed: 82)), auth)).Id;
                Assert.Equal(first, (await client.GetReportAsync(new GetReportRequest { ReportId = first }, auth)).Report.Id);
                Assert.Equal([second, first], (await client.ListReportsAsync(new ListReportsRequest(), auth)).Reports.Select(r => r.Id));
                Assert.Equal("neo4j", (await client.GetHealthAsync(new GetHealthRequest(), auth)).Database.Provider);
                var heatmap = await client.GetHeatmapAsync(new GetHeatmapRequest { ReportId = first }, auth);
                Assert.Equal("image/png", heatmap.ContentType);
            }

            // The second report was linked to the first, with the index's score, as it was written.
            {
                var graph = Neo4jReportRepositoryTests.NewClient();
                await graph.DiscoverAsync(CancellationToken.None);
                var rows = (await graph.RunAsync(
                    [new CypherStatement("MATCH (:Report {id: $a})-[s:SIMILAR_TO]->(:Report {id: $b}) RETURN s.score", new Dictionary<string, object?> { ["a"] = second, ["b"] = first })],
                    CancellationToken.None))[0];
                Assert.InRange(Assert.Single(rows)[0].GetDouble(), 0.5, 1.0);
            }

            await using (var restarted = await RunningServer.StartAsync(settings))
            {
                using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(restarted.GrpcAddress);
                var client = new ImagingService.ImagingServiceClient(channel);
                var auth = new Metadata { { "authorization", "Bearer " + restarted.IssueToken(owner) } };
                var similar = await client.FindSimilarAsync(new FindSimilarRequest { ReportId = first }, auth);
                Assert.Equal(second, Assert.Single(similar.Results).ReportId);
                await client.DeleteReportAsync(new DeleteReportRequest { ReportId = first }, auth);
                var error = await Assert.ThrowsAsync<RpcException>(() => client.GetReportAsync(new GetReportRequest { ReportId = first }, auth).ResponseAsync);
                Assert.Equal(StatusCode.NotFound, error.StatusCode);
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Start_WithBoltUri_RefusedNamingTheHttpForm()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["STORAGE_PROVIDER"] = "neo4j", ["NEO4J_URI"] = "bolt://graph.internal:7687",
        }));
        Assert.Contains("http://graph.internal:7474", error.Message);
    }
}
