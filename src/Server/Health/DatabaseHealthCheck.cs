using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MedicalImaging.Server.Health;

/// <summary>Feeds grpc.health.v1: healthy when the report store answers.</summary>
public sealed class DatabaseHealthCheck : IHealthCheck
{
    private readonly HealthReporter _reporter;

    public DatabaseHealthCheck(HealthReporter reporter) => _reporter = reporter;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = await _reporter.CheckDatabaseAsync(cancellationToken);
        return state.Healthy
            ? HealthCheckResult.Healthy($"{state.Provider} answered in {state.LatencyMs:F1} ms")
            : HealthCheckResult.Unhealthy($"{state.Provider}: {state.Error}");
    }
}
