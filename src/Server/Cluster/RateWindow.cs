namespace MedicalImaging.Server.Cluster;

/// <summary>One user's permits granted in the last minute, cluster-wide (Unix milliseconds, oldest first).</summary>
/// <param name="Granted">When each permit still in the window was granted.</param>
public sealed record RateWindow(IReadOnlyList<long> Granted);
