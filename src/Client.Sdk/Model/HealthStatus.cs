namespace MedicalImaging.Client;

/// <summary>The service's health.</summary>
/// <param name="Status">serving, degraded or not_serving.</param>
/// <param name="Version">Server version.</param>
/// <param name="Providers">The provider chain.</param>
/// <param name="DatabaseProvider">sqlite or neo4j.</param>
/// <param name="DatabaseHealthy">True when the store answered.</param>
/// <param name="IndexedReports">The caller's own reports in the similar-case index.</param>
/// <param name="Details">True when the call carried a valid token: without one the server answers the status only
/// (serving or not_serving) and the other fields are empty.</param>
public sealed record HealthStatus(string Status, string Version, IReadOnlyList<ProviderStatus> Providers, string DatabaseProvider, bool DatabaseHealthy, long IndexedReports, bool Details)
{
    /// <summary>Reports the server keeps in its local outbox until its report store takes them (0 when none).</summary>
    public long OutboxDepth { get; init; }
}
