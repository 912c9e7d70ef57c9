using System.Text.Json;
using MedicalImaging.Server.Configuration;
using MedicalImaging.Imaging;
using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Storage;
using MedicalImaging.Server.Storage.Neo4j;
using MedicalImaging.Server.Outbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Tests.Storage;

/// <summary>The repository contract against a real Neo4j (3.1.1 with auth, started by scripts/neo4j-test-server.sh).</summary>
[Collection(Neo4jCollection.Name)]
public sealed class Neo4jReportRepositoryTests : ReportRepositoryContract
{
    /// <summary>A client over the server's own "neo4j" HttpClient (its timeouts and retries), at the test server or <paramref name="uri"/>.</summary>
    internal static Neo4jHttpClient NewClient(string? uri = null, Neo4jOptions? timeouts = null)
    {
        var (testUri, user, password) = Neo4jTestServer.Settings();
        var options = timeouts ?? new Neo4jOptions();
        options.Uri = uri ?? testUri;
        options.User = user;
        options.Password = password;
        var factory = new ServiceCollection().AddLogging().AddMetrics().AddSingleton(Options.Create(options)).AddNeo4jHttpClient()
            .BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        return new Neo4jHttpClient(factory, options);
    }

    protected override async Task<IReportRepository> CreateAsync()
    {
        var client = NewClient();
        await client.DiscoverAsync(CancellationToken.None);
        // A dedicated test database: each test starts from an empty graph.
        await client.RunAsync([new CypherStatement("MATCH (n) DETACH DELETE n", new Dictionary<string, object?>())], CancellationToken.None);
        return new Neo4jReportRepository(client);
    }

    private async Task<long> CountAsync(string cypher, Dictionary<string, object?>? parameters = null)
    {
        var client = NewClient();
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
    public async Task Initialize_CreatesUniqueConstraints_Idempotently_AndASecondSaveIsANoOp()
    {
        await Repository.InitializeAsync(CancellationToken.None);
        var report = NewReport("constraint-owner", DateTimeOffset.UtcNow);
        var embedding = new StoredEmbedding(report.Id, report.OwnerId, "m", [1, 0, 0, 0], "CR", null);
        await Repository.SaveAsync(report, embedding, [], CancellationToken.None);

        // The constraint refuses a second Report node with the id…
        var client = NewClient();
        await client.DiscoverAsync(CancellationToken.None);
        var error = await Assert.ThrowsAsync<Neo4jException>(() => client.RunAsync(
            [new CypherStatement("CREATE (:Report {id: $id})", new Dictionary<string, object?> { ["id"] = report.Id })], CancellationToken.None));
        Assert.Contains("ConstraintValidationFailed", error.Code, StringComparison.Ordinal);

        // …so saving the same report again (a retried write, the outbox draining) writes nothing and succeeds,
        await Repository.SaveAsync(report, embedding, [], CancellationToken.None);
        Assert.Equal(1, await CountAsync("MATCH (r:Report {id: $id}) RETURN count(r)", new() { ["id"] = report.Id }));
        Assert.Equal(1, await CountAsync("MATCH (:Report {id: $id})-[:HAS_FINDING]->(f) RETURN count(f)", new() { ["id"] = report.Id }));

        // …while the same id under another owner is still refused.
        var stolen = await Assert.ThrowsAsync<Neo4jException>(() =>
            Repository.SaveAsync(report with { OwnerId = "someone-else" }, embedding with { OwnerId = "someone-else" }, [], CancellationToken.None));
        Assert.Contains("ConstraintValidationFailed", stolen.Code, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TransientServerErrors_AreRetried()
    {
        var (uri, _, _) = Neo4jTestServer.Settings();
        await using var proxy = await FlakyProxy.StartAsync(new Uri(uri), failures: 2);
        var client = NewClient(proxy.BaseAddress.ToString());
        var repository = new Neo4jReportRepository(client);
        await repository.InitializeAsync(CancellationToken.None);
        await repository.PingAsync(CancellationToken.None);
        Assert.Equal(2, proxy.Failed);
        Assert.True(proxy.Forwarded >= 2);
    }

    [Fact]
    public async Task Discovery_FindsTheTransactionEndpointAndVersion()
    {
        var client = NewClient();
        await client.DiscoverAsync(CancellationToken.None);
        Assert.Equal(3, client.ServerVersion.Major);
        var rows = (await client.RunAsync([new CypherStatement("RETURN $x + 1", new Dictionary<string, object?> { ["x"] = 41 })], CancellationToken.None))[0];
        Assert.Equal(42, rows[0][0].GetInt32());
    }
}
