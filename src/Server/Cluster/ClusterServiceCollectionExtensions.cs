using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Uploads;
using MedicalImaging.Server.Pipeline.Jobs;
using MedicalImaging.Server.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace MedicalImaging.Server.Cluster;

/// <summary>Registers scale-out on NATS JetStream when CLUSTER_MODE=nats; with none (the default) it registers nothing else.</summary>
public static class ClusterServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates CLUSTER_MODE / NATS_* (a bad value, or nats with STORAGE_PROVIDER=sqlite, stops the start
    /// with a message naming the variable). In nats mode: one <see cref="NatsConnection"/> and one
    /// <see cref="INatsJSContext"/> for the process. Call after AddMedicalImaging's own registrations.
    /// </summary>
    public static IServiceCollection AddCluster(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClusterOptions>().BindSettings(configuration);
        services.AddSingleton<IValidateOptions<ClusterOptions>, ClusterOptionsValidator>();
        if (!(configuration.Get<ClusterOptions>() ?? new ClusterOptions()).Enabled)
        {
            return services;
        }

        services.AddSingleton(sp => new NatsConnection(NatsConnectionOptions.Create(
            sp.GetRequiredService<IOptions<ClusterOptions>>().Value,
            $"medimaging {sp.GetRequiredService<JobWorker>().Id}") with { LoggerFactory = sp.GetRequiredService<ILoggerFactory>() }));
        services.AddSingleton<INatsConnection>(sp => sp.GetRequiredService<NatsConnection>());
        services.AddSingleton<INatsJSContext>(sp => new NatsJSContext(sp.GetRequiredService<NatsConnection>()));
        services.AddSingleton<ClusterLayout>();

        // Jobs, events and checkpoints shared by every replica; any replica runs the next job.
        services.Replace(ServiceDescriptor.Singleton<IJobStore, NatsJobStore>());
        services.Replace(ServiceDescriptor.Singleton<IJobQueue, NatsJobQueue>());
        services.AddSingleton<NatsJobWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<NatsJobWorker>());
        services.AddHostedService<NatsEventWaker>();

        // Images any replica can read (content-addressed object store, per-user access and quota in KV).
        services.Replace(ServiceDescriptor.Singleton<IImageStore>(sp => new NatsImageStore(
            sp.GetRequiredService<ClusterLayout>(),
            sp.GetRequiredService<IOptions<MedicalImagingOptions>>().Value.ResolvedDataDirectory,
            sp.GetRequiredService<IOptions<StoredDataOptions>>().Value.UserStorageQuotaBytes)));

        // Limits that hold across replicas.
        services.Replace(ServiceDescriptor.Singleton<IUserRateLimiter, NatsUserRateLimiter>());
        return services;
    }
}
