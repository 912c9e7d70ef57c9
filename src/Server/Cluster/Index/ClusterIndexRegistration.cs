using MedicalImaging.Server.Embeddings;
using MedicalImaging.Server.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace MedicalImaging.Server.Cluster.Index;

/// <summary>
/// In cluster mode (CLUSTER_MODE=nats): the report store publishes its index-relevant writes to the reports change
/// stream, and <see cref="ReportIndexReplicator"/> replaces <see cref="VectorIndexLoader"/> (the index follows the
/// stream instead of reading the whole graph at start). Outside cluster mode nothing changes.
/// </summary>
public static class ClusterIndexRegistration
{
    /// <summary>Whether the configuration asks for cluster mode.</summary>
    public static bool IsClustered(IConfiguration configuration) =>
        string.Equals(configuration["CLUSTER_MODE"], "nats", StringComparison.OrdinalIgnoreCase);

    /// <summary>Call after the report store and the index are registered (it decorates the one and replaces the loader of the other).</summary>
    public static IServiceCollection AddClusterIndex(this IServiceCollection services, IConfiguration configuration)
    {
        if (!IsClustered(configuration))
        {
            return services;
        }

        // The cluster core registers the one connection of the process; this is the fallback when it has not.
        services.TryAddSingleton<INatsConnection>(_ => new NatsConnection(new NatsOpts
        {
            Url = configuration["NATS_URL"] is { Length: > 0 } url ? url : "nats://127.0.0.1:4222",
            Name = "medimaging",
        }));
        services.TryAddSingleton<INatsJSContext>(sp => new NatsJSContext(sp.GetRequiredService<INatsConnection>()));

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
