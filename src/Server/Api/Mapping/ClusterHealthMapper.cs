using MedicalImaging.Server.Cluster.Health;
using V1 = MedicalImaging.Contracts.V1;

namespace MedicalImaging.Server.Api.Mapping;

/// <summary>Cluster state → contract (GetHealth's cluster section).</summary>
public static class ClusterHealthMapper
{
    public static V1.ClusterHealth ToContract(ClusterState state) => new()
    {
        NatsConnected = state.NatsConnected,
        NatsRttMs = state.NatsRttMs,
        NatsError = state.NatsError ?? string.Empty,
        TakingJobs = state.TakingJobs,
        IndexCaughtUp = state.IndexCaughtUp,
        IndexChangesApplied = state.IndexChangesApplied,
        IndexLagMs = state.IndexLagMs,
        ChangesPendingPublish = state.ChangesPendingPublish,
    };
}
