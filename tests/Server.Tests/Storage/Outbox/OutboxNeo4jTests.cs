using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Storage;
using MedicalImaging.Server.Storage.Neo4j;
using MedicalImaging.Server.Storage.Outbox;

namespace MedicalImaging.Server.Tests.Storage.Outbox;

/// <summary>The outbox in front of a real Neo4j reached through a proxy that can fail or stall on demand.</summary>
[Collection(Neo4jCollection.Name)]
public sealed class OutboxNeo4jTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("medimg-outbox-neo4j-").FullName;
    private FlakyProxy _proxy = null!;

    public async Task InitializeAsync()
    {
        var (uri, _, _) = Neo4jTestServer.Settings();
        _proxy = await FlakyProxy.StartAsync(new Uri(uri), failures: 0);
        var direct = Neo4jReportRepositoryTests.NewClient();
        await direct.DiscoverAsync(CancellationToken.None);
        await direct.RunAsync([new CypherStatement("MATCH (n) DETACH DELETE n", new Dictionary<string, object?>())], CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        _proxy.Stalling = false;
        await _proxy.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The decorator over Neo4j through the proxy, with short timeouts and no retries so outages show quickly.</summary>
    private async Task<OutboxReportRepository> NewRepositoryAsync()
    {
        var client = Neo4jReportRepositoryTests.NewClient(_proxy.BaseAddress.ToString(),
            new Neo4jOptions { TimeoutSeconds = 2, AttemptTimeoutSeconds = 1, MaxRetries = 0 });
        var repository = OutboxTestParts.Over(new Neo4jReportRepository(client), OutboxTestParts.NewOutbox(_directory));
        await repository.InitializeAsync(CancellationToken.None);
        return repository;
    }

    private static async Task<long> CountAsync(string cypher, Dictionary<string, object?> parameters)
    {
        var client = Neo4jReportRepositoryTests.NewClient();
        await client.DiscoverAsync(CancellationToken.None);
        return (await client.RunAsync([new CypherStatement(cypher, parameters)], CancellationToken.None))[0][0][0].GetInt64();
    }

    private static (MedicalReport Report, StoredEmbedding Embedding) NewReport(string owner, DateTimeOffset createdAt)
    {
        var report = ReportRepositoryContract.NewReport(owner, createdAt);
        return (report, new StoredEmbedding(report.Id, owner, "hashing-v1-4", [1, 0, 0, 0], report.Modality, report.BodyPart));
    }

    [Fact]
    public async Task Neo4jSave_SameReportTwice_LeavesOneReportNodeAndOneOfEachEdge()
    {
        var client = Neo4jReportRepositoryTests.NewClient();
        await client.DiscoverAsync(CancellationToken.None);
        var store = new Neo4jReportRepository(client);
        await store.InitializeAsync(CancellationToken.None);
        var (report, embedding) = NewReport("alice", DateTimeOffset.UtcNow);

        await store.SaveAsync(report, embedding, [new StoredHeatmap(0, [1, 2])], CancellationToken.None);
        await store.SaveAsync(report, embedding, [new StoredHeatmap(0, [1, 2])], CancellationToken.None);

        var id = new Dictionary<string, object?> { ["id"] = report.Id };
        Assert.Equal(1, await CountAsync("MATCH (r:Report {id: $id}) RETURN count(r)", id));
        Assert.Equal(1, await CountAsync("MATCH (:Report {id: $id})-[:HAS_FINDING]->(f) RETURN count(f)", id));
        Assert.Equal(1, await CountAsync("MATCH (:Report {id: $id})-[:HAS_HEATMAP]->(h) RETURN count(h)", id));
        Assert.Equal(1, await CountAsync("MATCH (:User {id: 'alice'})-[o:OWNS]->(:Report {id: $id}) RETURN count(o)", id));
    }

    [Fact]
    public async Task SaveDuringOutage_ThenDrain_KeepsReadsPendingAndWritesEachReportOnce()
    {
        var repository = await NewRepositoryAsync();
        var start = DateTimeOffset.UtcNow.AddMinutes(-10);
        var (stored, storedEmbedding) = NewReport("alice", start);
        await repository.SaveAsync(stored, storedEmbedding, [], CancellationToken.None);

        _proxy.Down = true;
        var pending = new[] { NewReport("alice", start.AddMinutes(1)), NewReport("alice", start.AddMinutes(2)) };
        foreach (var (report, embedding) in pending)
        {
            await repository.SaveAsync(report, embedding, [new StoredHeatmap(0, [7])], CancellationToken.None);
        }

        Assert.Equal(2, await repository.DepthAsync(CancellationToken.None));
        var read = await repository.GetAsync("alice", pending[0].Report.Id, CancellationToken.None);
        Assert.True(read!.StoragePending);
        Assert.Equal([7], await repository.GetHeatmapAsync("alice", pending[0].Report.Id, 0, CancellationToken.None));
        Assert.Null(await repository.FindCachedAsync("alice", "no-such-key", start, CancellationToken.None));
        await Assert.ThrowsAnyAsync<Exception>(() => repository.DrainAsync(CancellationToken.None));
        Assert.Equal(2, await repository.DepthAsync(CancellationToken.None));

        _proxy.Down = false;
        Assert.Null(await repository.GetAsync("bob", pending[0].Report.Id, CancellationToken.None));
        var page = await repository.ListAsync(new ReportListQuery("alice", 2, null, null, null), CancellationToken.None);
        Assert.Equal([pending[1].Report.Id, pending[0].Report.Id], page.Reports.Select(r => r.Id));
        Assert.All(page.Reports, r => Assert.True(r.StoragePending));
        var next = await repository.ListAsync(new ReportListQuery("alice", 2, page.Next, null, null), CancellationToken.None);
        Assert.Equal(stored.Id, Assert.Single(next.Reports).Id);
        Assert.False(next.Reports[0].StoragePending);
        Assert.Equal(3, (await repository.ReadEmbeddingsAsync(CancellationToken.None).ToListAsync()).Count);

        Assert.Equal(2, await repository.DrainAsync(CancellationToken.None));
        Assert.Equal(0, await repository.DrainAsync(CancellationToken.None));
        Assert.Equal(0, await repository.DepthAsync(CancellationToken.None));
        Assert.Equal(3, await CountAsync("MATCH (r:Report) WHERE r.owner_id = 'alice' RETURN count(r)", []));
        Assert.Equal(3, await CountAsync("MATCH (r:Report) WHERE r.owner_id = 'alice' RETURN count(DISTINCT r.id)", []));
        Assert.False((await repository.GetAsync("alice", pending[0].Report.Id, CancellationToken.None))!.StoragePending);
    }

    [Fact]
    public async Task Save_WhenNeo4jStalls_KeepsTheReportInsteadOfHanging()
    {
        var repository = await NewRepositoryAsync();
        var (report, embedding) = NewReport("alice", DateTimeOffset.UtcNow);
        _proxy.Stalling = true;

        // The guard only turns a hang into a failure; the store client's own timeout (2 s) is what ends the write.
        await repository.SaveAsync(report, embedding, [], CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(_proxy.Stalled > 0);
        Assert.True((await repository.GetAsync("alice", report.Id, CancellationToken.None))!.StoragePending);
    }

    [Fact]
    public async Task Delete_OfAPendingReportWhileNeo4jIsDown_ErasesTheKeptCopyAndLaterTheStoredOne()
    {
        var repository = await NewRepositoryAsync();
        var (report, embedding) = NewReport("alice", DateTimeOffset.UtcNow);
        _proxy.Down = true;
        await repository.SaveAsync(report, embedding, [], CancellationToken.None);

        Assert.True(await repository.DeleteAsync("alice", report.Id, CancellationToken.None));
        Assert.Equal(0, await repository.DepthAsync(CancellationToken.None));

        // Had a timed-out write been committed after all, the erasure reaches Neo4j once it answers.
        var direct = new Neo4jReportRepository(Neo4jReportRepositoryTests.NewClient());
        await direct.InitializeAsync(CancellationToken.None);
        await direct.SaveAsync(report, embedding, [], CancellationToken.None);
        _proxy.Down = false;
        Assert.Equal(0, await repository.DrainAsync(CancellationToken.None));
        Assert.Equal(0, await CountAsync("MATCH (r:Report {id: $id}) RETURN count(r)", new() { ["id"] = report.Id }));
    }
}
