using MedicalImaging.Server.Storage;
using MedicalImaging.Server.Storage.Neo4j;

namespace MedicalImaging.Server.Tests.Storage.Outbox;

/// <summary>The repository contract holds for Neo4j behind the outbox (what the server runs on STORAGE_PROVIDER=neo4j).</summary>
[Collection(Neo4jCollection.Name)]
public sealed class OutboxReportRepositoryContractTests : ReportRepositoryContract
{
    private readonly string _directory = Directory.CreateTempSubdirectory("medimg-outbox-contract-").FullName;

    protected override async Task<IReportRepository> CreateAsync()
    {
        var client = Neo4jReportRepositoryTests.NewClient();
        await client.DiscoverAsync(CancellationToken.None);
        await client.RunAsync([new CypherStatement("MATCH (n) DETACH DELETE n", new Dictionary<string, object?>())], CancellationToken.None);
        return OutboxTestParts.Over(new Neo4jReportRepository(client), OutboxTestParts.NewOutbox(_directory));
    }

    protected override Task CleanupAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}
