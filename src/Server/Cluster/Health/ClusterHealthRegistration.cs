using MedicalImaging.Server.Cluster.Index;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalImaging.Server.Cluster.Health;

/// <summary>In cluster mode: NATS reachability and index replication in GetHealth, /health and grpc.health.v1.</summary>
public static class ClusterHealthRegistration
{
    public static IServiceCollection AddClusterHealth(this IServiceCollection services, IConfiguration configuration)
    {
        if (ClusterIndexRegistration.IsClustered(configuration))
        {
            services.AddSingleton<ClusterHealthReporter>();
            services.AddHealthChecks().AddCheck<NatsHealthCheck>("nats");
        }

        return services;
    }
}
