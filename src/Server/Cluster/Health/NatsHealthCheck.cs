using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MedicalImaging.Server.Cluster.Health;

/// <summary>Feeds grpc.health.v1 in cluster mode: unhealthy while NATS does not answer (the replica takes no jobs then).</summary>
public sealed class NatsHealthCheck : IHealthCheck
{
    private readonly ClusterHealthReporter _cluster;

    public NatsHealthCheck(ClusterHealthReporter cluster) => _cluster = cluster;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = await _cluster.GetAsync(cancellationToken);
        return state.NatsConnected
            ? HealthCheckResult.Healthy($"NATS answered in {state.NatsRttMs:F1} ms; similar-case index {(state.IndexCaughtUp ? "caught up" : "catching up")}")
            : HealthCheckResult.Unhealthy($"{state.NatsError}; not taking jobs");
    }
}
