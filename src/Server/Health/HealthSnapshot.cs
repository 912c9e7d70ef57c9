namespace MedicalImaging.Server.Health;

/// <summary>The server's state at one moment.</summary>
public sealed record HealthSnapshot(
    string Status,
    string Version,
    IReadOnlyList<ProviderState> Providers,
    DatabaseState Database,
    ProcessState Process,
    long IndexedReports)
{
    /// <summary>NATS reachability and index replication; null outside cluster mode.</summary>
    public Cluster.Health.ClusterState? Cluster { get; init; }
}

/// <summary>One provider's state.</summary>
public sealed record ProviderState(string Name, string Model, bool Configured, string CircuitState, double SuccessRate, long RecentCalls)
{
    /// <summary>What the operator should change, naming the setting (e.g. a retired model); null when nothing is wrong.</summary>
    public string? Warning { get; init; }
}

/// <summary>The store's state.</summary>
public sealed record DatabaseState(string Provider, bool Healthy, double LatencyMs, string? Error)
{
    /// <summary>Reports kept in the local outbox until the store takes them (0 without an outbox).</summary>
    public long OutboxDepth { get; init; }
}

/// <summary>The process's resource use.</summary>
public sealed record ProcessState(long WorkingSetBytes, long ManagedHeapBytes, double CpuPercent, double UptimeSeconds, int ProcessorCount);
