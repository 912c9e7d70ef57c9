using MedicalImaging.Server.Health;
using V1 = MedicalImaging.Contracts.V1;

namespace MedicalImaging.Server.Api.Mapping;

/// <summary>Health snapshot → contract: all of it for a signed-in caller, the status alone for anyone else.</summary>
public static class HealthMapper
{
    /// <summary>What an anonymous caller gets: serving or not, nothing else (no version, providers, counts or error text).</summary>
    public static V1.GetHealthResponse ToAnonymousContract(bool serving) =>
        new() { Status = serving ? V1.ServingStatus.Serving : V1.ServingStatus.NotServing };

    /// <summary>What a signed-in caller gets: the whole snapshot, counts its own.</summary>
    public static V1.GetHealthResponse ToContract(HealthSnapshot health)
    {
        var message = new V1.GetHealthResponse
        {
            Status = health.Status switch
            {
                "serving" => V1.ServingStatus.Serving,
                "degraded" => V1.ServingStatus.Degraded,
                _ => V1.ServingStatus.NotServing,
            },
            Version = health.Version,
            Database = new V1.DatabaseHealth
            {
                Provider = health.Database.Provider,
                Healthy = health.Database.Healthy,
                LatencyMs = health.Database.LatencyMs,
                Error = health.Database.Error ?? string.Empty,
                OutboxDepth = health.Database.OutboxDepth,
            },
            Resources = new V1.ResourceUsage
            {
                WorkingSetBytes = health.Process.WorkingSetBytes,
                ManagedHeapBytes = health.Process.ManagedHeapBytes,
                CpuPercent = health.Process.CpuPercent,
                UptimeSeconds = health.Process.UptimeSeconds,
                ProcessorCount = health.Process.ProcessorCount,
            },
            IndexedReports = health.IndexedReports,
            Details = true,
            Cluster = health.Cluster is { } cluster ? ClusterHealthMapper.ToContract(cluster) : null,
        };
        message.Providers.AddRange(health.Providers.Select(p => new V1.ProviderHealth
        {
            Name = p.Name,
            Model = p.Model,
            Configured = p.Configured,
            CircuitState = p.CircuitState switch
            {
                "closed" => V1.CircuitState.Closed,
                "open" => V1.CircuitState.Open,
                "half_open" => V1.CircuitState.HalfOpen,
                "isolated" => V1.CircuitState.Isolated,
                _ => V1.CircuitState.Unspecified,
            },
            SuccessRate = p.SuccessRate,
            RecentCalls = p.RecentCalls,
            Warning = p.Warning ?? string.Empty,
        }));
        return message;
    }
}
