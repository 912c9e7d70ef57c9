using System.Text.Json;
using MedicalImaging.Server.Configuration;
using MedicalImaging.Imaging;
using MedicalImaging.Server.Reports;
using MedicalImaging.Server.Storage;
using MedicalImaging.Server.Storage.Neo4j;

namespace MedicalImaging.Server.Tests.Storage;

/// <summary>The repository contract against a real Neo4j (3.1.1 with auth, started by scripts/neo4j-test-server.sh).</summary>
[Collection(Neo4jCollection.Name)]
public sealed class Neo4jReportRepositoryTests : ReportRepositoryContract
{
    private readonly HttpClient _http = new();

    internal static Neo4jHttpClient NewClient(HttpClient http, string? uri = null)
    {
        var (testUri, user, password) = Neo4jTestServer.Settings();
        return new Neo4jHttpClient(http, new Neo4jOptions { Uri = uri ?? testUri, User = user, Password = password });
    }

    protected override async Task<IReportRepository> CreateAsync()
    {
        var client = NewClient(_http);
        await client.DiscoverAsync(CancellationToken.None);
        // A dedicated test database: each test starts from an empty graph.
        await client.RunAsync([new CypherStatement("MATCH (n) DETACH DELETE n", new Dictionary<string, object?>())], CancellationToken.None);
        return new Neo4jReportRepository(client);
    }

    protected override Task CleanupAsync()
    {
        _http.Dispose();
        return Task.CompletedTask;
    }

    private async Task<long> CountAsync(string cypher, Dictionary<string, object?>? parameters = null)
    {
        var client = NewClient(_http);
        await client.DiscoverAsync(CancellationToken.None);
        var rows = (await client.RunAsync([new CypherStatement(cypher, parameters ?? [])], CancellationToken.None))[0];
        return rows[0][0].GetInt64();
    }

    [Fact]
    public async Task Save_WritesTheGraph_AnatomyIsSharedBetweenReports()
    {
        var first = NewReport("graph-owner", DateTimeOffset.UtcNow);
        var second = NewReport("graph-owner", DateTimeOffset.UtcNow.AddSeconds(1));
        foreach (var report in new[] { first, second })
        {
            await Repository.SaveAsync(report, new StoredEmbedding(report.Id, report.OwnerId, "m", [1, 0, 0, 0], "CR", null), [new StoredHeatmap(0, [9])], CancellationToken.None);
        }

        Assert.Equal(2, await CountAsync("MATCH (:User {id: 'graph-owner'})-[:OWNS]->(r:Report) RETURN count(r)"));
        Assert.Equal(2, await CountAsync("MATCH (:Report)-[:HAS_IMAGE]->(i:Image) RETURN count(i)"));
        Assert.Equal(1, await CountAsync("MATCH (i:Image) RETURN count(i)"));
        Assert.Equal(1, await CountAsync("MATCH (a:Anatomy {name: 'right upper lobe'}) RETURN count(a)"));
        Assert.Equal(2, await CountAsync("MATCH (:Report)-[:HAS_FINDING]->(:Finding)-[:LOCATED_IN]->(a:Anatomy {name: 'right upper lobe'}) RETURN count(*)"));
        Assert.Equal(2, await CountAsync("MATCH (:Report)-[:CITES]->(c:Citation {pmid: '123'}) RETURN count(*)"));
        Assert.Equal(2, await CountAsync("MATCH (:Report)-[:HAS_HEATMAP]->(h:Heatmap) RETURN count(h)"));

        await Repository.DeleteAsync("graph-owner", first.Id, CancellationToken.None);
        Assert.Equal(1, await CountAsync("MATCH (f:Finding) RETURN count(f)"));
        Assert.Equal(1, await CountAsync("MATCH (a:Anatomy) RETURN count(a)"));
        Assert.Equal(1, await CountAsync("MATCH (h:Heatmap) RETURN count(h)"));
    }

    [Fact]
    public async Task Save_LinksFindingsToSharedConditions_NegatedMentionsAreNot()
    {
        var owner = "condition-owner";
        var first = NewReport(owner, DateTimeOffset.UtcNow) with
        {
            Findings =
            [
                new ReportFinding("f1", "Nodular opacity in the right upper lobe; no pleural effusion", "right upper lobe", FindingSeverity.Moderate, 0.7, 0, null, "gemini"),
            ],
        };
        var second = NewReport(owner, DateTimeOffset.UtcNow.AddSeconds(1)) with
        {
            Findings = [new ReportFinding("f1", "Small pleural effusion with an adjacent nodule", "left costophrenic angle", FindingSeverity.Mild, 0.6, 0, null, "gemini")],
        };
        foreach (var report in new[] { first, second })
        {
            await Repository.SaveAsync(report, new StoredEmbedding(report.Id, owner, "m", [1, 0, 0, 0], "CR", null), [], CancellationToken.None);
        }

        // One shared Condition node per name; both reports reach "nodule"; only the second reaches "effusion".
        Assert.Equal(1, await CountAsync("MATCH (c:Condition {name: 'nodule'}) RETURN count(c)"));
        Assert.Equal(2, await CountAsync("MATCH (:Report)-[:HAS_FINDING]->(:Finding)-[:INDICATES]->(:Condition {name: 'nodule'}) RETURN count(*)"));
        Assert.Equal(1, await CountAsync("MATCH (r:Report {id: $id})-[:HAS_FINDING]->(:Finding)-[:INDICATES]->(:Condition {name: 'effusion'}) RETURN count(*)", new() { ["id"] = second.Id }));
        Assert.Equal(0, await CountAsync("MATCH (r:Report {id: $id})-[:HAS_FINDING]->(:Finding)-[:INDICATES]->(:Condition {name: 'effusion'}) RETURN count(*)", new() { ["id"] = first.Id }));
        // The knowledge-graph question "what do these two reports have in common": nodule only (opacity is the first's, effusion the second's).
        Assert.Equal(1, await CountAsync("""
            MATCH (a:Report {id: $a})-[:HAS_FINDING]->(:Finding)-[:INDICATES]->(c:Condition)<-[:INDICATES]-(:Finding)<-[:HAS_FINDING]-(b:Report {id: $b})
            RETURN count(DISTINCT c)
            """, new() { ["a"] = first.Id, ["b"] = second.Id }));
    }

    [Fact]
    public async Task Save_LinksSimilarEarlierReportsOfTheSameOwner_WithScores()
    {
        var earlier = NewReport("similar-owner", DateTimeOffset.UtcNow);
        var someoneElses = NewReport("other-owner", DateTimeOffset.UtcNow);
        foreach (var report in new[] { earlier, someoneElses })
        {
            await Repository.SaveAsync(report, new StoredEmbedding(report.Id, report.OwnerId, "m", [1, 0, 0, 0], "CR", null), [], CancellationToken.None);
        }

        var later = NewReport("similar-owner", DateTimeOffset.UtcNow.AddSeconds(1));
        await Repository.SaveAsync(later, new StoredEmbedding(later.Id, later.OwnerId, "m", [1, 0, 0, 0], "CR", null)
        {
            // A link to another owner's report is never written, whatever the caller passes.
            SimilarTo = [new SimilarLink(earlier.Id, 0.93), new SimilarLink(someoneElses.Id, 0.99)],
        }, [], CancellationToken.None);

        Assert.Equal(1, await CountAsync("MATCH (:Report {id: $a})-[s:SIMILAR_TO]->(:Report {id: $b}) WHERE s.score > 0.92 AND s.score < 0.94 RETURN count(s)",
            new() { ["a"] = later.Id, ["b"] = earlier.Id }));
        Assert.Equal(1, await CountAsync("MATCH ()-[s:SIMILAR_TO]->() RETURN count(s)"));
        await Repository.DeleteAsync("similar-owner", earlier.Id, CancellationToken.None);
        Assert.Equal(0, await CountAsync("MATCH ()-[s:SIMILAR_TO]->() RETURN count(s)"));
    }

    [Fact]
    public async Task Initialize_CreatesUniqueConstraints_Idempotently()
    {
        await Repository.InitializeAsync(CancellationToken.None);
        var report = NewReport("constraint-owner", DateTimeOffset.UtcNow);
        await Repository.SaveAsync(report, new StoredEmbedding(report.Id, report.OwnerId, "m", [1, 0, 0, 0], "CR", null), [], CancellationToken.None);
        var error = await Assert.ThrowsAsync<Neo4jException>(() =>
            Repository.SaveAsync(report, new StoredEmbedding(report.Id, report.OwnerId, "m", [1, 0, 0, 0], "CR", null), [], CancellationToken.None));
        Assert.Contains("ConstraintValidationFailed", error.Code, StringComparison.Ordinal);
        // The failed write was one transaction: nothing of it remains.
        Assert.Equal(1, await CountAsync("MATCH (r:Report {id: $id}) RETURN count(r)", new() { ["id"] = report.Id }));
        Assert.Equal(1, await CountAsync("MATCH (:Report {id: $id})-[:HAS_FINDING]->(f) RETURN count(f)", new() { ["id"] = report.Id }));
    }

    [Fact]
    public async Task TransientServerErrors_AreRetried()
    {
        var (uri, _, _) = Neo4jTestServer.Settings();
        await using var proxy = await FlakyProxy.StartAsync(new Uri(uri), failures: 2);
        var client = NewClient(_http, proxy.BaseAddress.ToString());
        var repository = new Neo4jReportRepository(client);
        await repository.InitializeAsync(CancellationToken.None);
        await repository.PingAsync(CancellationToken.None);
        Assert.Equal(2, proxy.Failed);
        Assert.True(proxy.Forwarded >= 2);
    }

    [Fact]
    public async Task Discovery_FindsTheTransactionEndpointAndVersion()
    {
        var client = NewClient(_http);
        await client.DiscoverAsync(CancellationToken.None);
        Assert.Equal(3, client.ServerVersion.Major);
        var rows = (await client.RunAsync([new CypherStatement("RETURN $x + 1", new Dictionary<string, object?> { ["x"] = 41 })], CancellationToken.None))[0];
        Assert.Equal(42, rows[0][0].GetInt32());
    }
}
