using MedicalImaging.Server.Embeddings;
using MedicalImaging.Server.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MedicalImaging.Server.Cluster.Index;

/// <summary>
/// In cluster mode (CLUSTER_MODE=nats): the report store publishes its index-relevant writes to the reports change
/// stream, and <see cref="ReportIndexReplicator"/> replaces <see cref="VectorIndexLoader"/> (the index follows the
/// stream instead of reading the whole graph at start). Outside cluster mode nothing changes.
/// </summary>
public static class ClusterIndexRegistration
{
    /// <summary>Whether the configuration asks for cluster mode (CLUSTER_MODE=nats).</summary>
    public static bool IsClustered(IConfiguration configuration) => (configuration.Get<ClusterOptions>() ?? new ClusterOptions()).Enabled;

    /// <summary>Call after the report store, the index and AddCluster are registered (it decorates the store and replaces the index loader).</summary>
    public static IServiceCollection AddClusterIndex(this IServiceCollection services, IConfiguration configuration)
    {
        if (!IsClustered(configuration))
        {
            return services;
        }

        // The NATS connection and JetStream context are the cluster core's (AddCluster, called before this).
        services.AddSingleton<ReportChangeStream>();
        services.AddSingleton<ReportChangePublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<ReportChangePublisher>());

        var store = services.LastOrDefault(d => d.ServiceType == typeof(IReportRepository))
            ?? throw new InvalidOperationException("AddClusterIndex needs the report store registered first.");
        services.Remove(store);
        services.AddSingleton(sp => new ReportChangePublishingRepository(Resolve(sp, store), sp.GetRequiredService<ReportChangePublisher>()));
        services.AddSingleton<IReportRepository>(sp => sp.GetRequiredService<ReportChangePublishingRepository>());

        services.AddSingleton<ReportIndexReplicator>();
        var loader = services.FirstOrDefault(d => d.ServiceType == typeof(IHostedService)
            && (d.ImplementationType == typeof(VectorIndexLoader) || d.ImplementationFactory?.Method.ReturnType == typeof(VectorIndexLoader)));
        var replicator = ServiceDescriptor.Singleton<IHostedService>(sp => sp.GetRequiredService<ReportIndexReplicator>());
        if (loader is null)
        {
            services.Add(replicator);
        }
        else
        {
            // Same place in the start order: the index is ready before the pipeline and Kestrel start.
            services[services.IndexOf(loader)] = replicator;
        }

        return services;
    }

    private static IReportRepository Resolve(IServiceProvider sp, ServiceDescriptor store) =>
        (IReportRepository)(store.ImplementationInstance
            ?? store.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, store.ImplementationType!));
}
