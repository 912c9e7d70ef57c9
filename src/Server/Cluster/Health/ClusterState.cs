namespace MedicalImaging.Server.Cluster.Health;

/// <summary>A clustered replica's view of the cluster at one moment (GetHealth's cluster section).</summary>
/// <param name="NatsConnected">Whether a round trip to NATS succeeded just now.</param>
/// <param name="NatsRttMs">That round trip's time.</param>
/// <param name="NatsError">Why NATS is unreachable (null when it answered).</param>
/// <param name="TakingJobs">Whether this replica takes analyses from the job queue: not without NATS.</param>
/// <param name="IndexCaughtUp">Whether the similar-case index has replayed the reports change stream.</param>
/// <param name="IndexChangesApplied">Report changes applied to this replica's index since start.</param>
/// <param name="IndexLagMs">Milliseconds from the last change's arrival in JetStream to its application here.</param>
/// <param name="ChangesPendingPublish">This replica's report changes not yet acknowledged by JetStream.</param>
public sealed record ClusterState(
    bool NatsConnected,
    double NatsRttMs,
    string? NatsError,
    bool TakingJobs,
    bool IndexCaughtUp,
    long IndexChangesApplied,
    double IndexLagMs,
    long ChangesPendingPublish);
