using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Pipeline.Jobs.Checkpoints;
using MedicalImaging.Server.Pipeline.Jobs.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Pipeline.Jobs;

/// <summary>Registers durable analyses: the job store, stage checkpoints, intake, resume at start and graceful shutdown.</summary>
public static class JobServiceCollectionExtensions
{
    /// <summary>Time the host gives stopping services beyond SHUTDOWN_GRACE_SECONDS (suspending jobs, closing streams).</summary>
    private static readonly TimeSpan ShutdownMargin = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The SQLite job store (jobs.db in the data directory) unless another <see cref="IJobStore"/> was registered,
    /// SHUTDOWN_GRACE_SECONDS / ANALYSIS_RETENTION_MINUTES, and a host shutdown timeout long enough for the grace.
    /// </summary>
    public static IServiceCollection AddDurableAnalyses(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobOptions>().BindSettings(configuration);
        services.AddSingleton<IValidateOptions<JobOptions>, JobOptionsValidator>();
        services.AddOptions<HostOptions>().Configure<IOptions<JobOptions>>((host, jobs) =>
        {
            var needed = jobs.Value.ShutdownGrace + ShutdownMargin;
            if (host.ShutdownTimeout < needed)
            {
                host.ShutdownTimeout = needed;
            }
        });
        services.TryAddSingleton<IJobStore>(sp => new SqliteJobStore(
            Path.Combine(sp.GetRequiredService<IOptions<MedicalImagingOptions>>().Value.ResolvedDataDirectory, "jobs.db"),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IStageCheckpoint, VisionStageCheckpoint>();
        services.AddSingleton<IStageCheckpoint, LiteratureStageCheckpoint>();
        services.AddSingleton<IStageCheckpoint, ReportStageCheckpoint>();
        services.AddSingleton<IStageCheckpoint, EmbedStageCheckpoint>();
        services.AddSingleton<JobWorker>();
        services.AddSingleton<StoredJobStarter>();
        services.TryAddSingleton<IJobQueue, LocalJobQueue>();
        services.AddSingleton<AnalysisJobs>();
        services.AddSingleton<AnalysisIntake>();
        services.AddHostedService<JobResumer>();
        return services;
    }
}
