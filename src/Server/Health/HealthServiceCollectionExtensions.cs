using Microsoft.Extensions.DependencyInjection;

namespace MedicalImaging.Server.Health;

/// <summary>Registers what GetHealth and grpc.health.v1 report.</summary>
public static class HealthServiceCollectionExtensions
{
    /// <summary>
    /// The <see cref="HealthReporter"/> and the grpc.health.v1 service with a "database" check. The check is added to the
    /// application's health checks (a host that has its own sees it among them); MapMedicalImaging maps grpc.health.v1.
    /// </summary>
    public static IServiceCollection AddHealthReporting(this IServiceCollection services)
    {
        services.AddSingleton<HealthReporter>();
        services.AddGrpcHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }
}
