using Grpc.Core;
using Grpc.Health.V1;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Server.Tests.Storage;
using MedicalImaging.Tests.Support;

namespace MedicalImaging.Server.Tests.Cluster;

/// <summary>Readiness of a clustered replica: NATS reachability in GetHealth and grpc.health.v1, through an outage and back.</summary>
[Collection(Neo4jCollection.Name)]
public sealed class ClusterHealthTests
{
    [Fact]
    public async Task GetHealth_NatsKilled_NotServingAndNotTakingJobs_ThenServingWhenNatsReturns()
    {
        await using var nats = await NatsTestProcess.StartAsync();
        await using var server = await RunningServer.StartAsync(ClusterIndexTests.Settings(nats));
        var client = ClusterIndexTests.Client(server, out var channel);
        using var disposeChannel = channel;
        var auth = new Metadata { { "authorization", "Bearer " + server.IssueToken("cluster-health") } };
        var grpcHealth = new Grpc.Health.V1.Health.HealthClient(channel);

        var up = await client.GetHealthAsync(new GetHealthRequest(), auth);
        Assert.True(up.Cluster.NatsConnected, up.Cluster.NatsError);
        Assert.True(up.Cluster.TakingJobs);
        Assert.True(up.Cluster.IndexCaughtUp);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await grpcHealth.CheckAsync(new HealthCheckRequest())).Status);

        await nats.KillAsync();
        var down = await ClusterIndexTests.PollAsync(async () =>
        {
            var health = await client.GetHealthAsync(new GetHealthRequest(), auth);
            return health.Cluster.NatsConnected ? null : health;
        });
        Assert.Equal(ServingStatus.NotServing, down.Status);
        Assert.False(down.Cluster.TakingJobs);
        Assert.Contains(nats.Url, down.Cluster.NatsError, StringComparison.Ordinal);
        Assert.Equal(ServingStatus.NotServing, (await client.GetHealthAsync(new GetHealthRequest())).Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, (await grpcHealth.CheckAsync(new HealthCheckRequest())).Status);

        await nats.RestartAsync();
        var back = await ClusterIndexTests.PollAsync(async () =>
        {
            var health = await client.GetHealthAsync(new GetHealthRequest(), auth);
            return health.Cluster.NatsConnected ? health : null;
        });
        Assert.True(back.Cluster.TakingJobs);
        Assert.NotEqual(ServingStatus.NotServing, back.Status);
    }
}
