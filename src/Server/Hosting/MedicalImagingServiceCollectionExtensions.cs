using MedicalImaging.Server.Admission;
using MedicalImaging.Server.Api;
using MedicalImaging.Server.Audit;
using MedicalImaging.Server.Catalog;
using MedicalImaging.Server.Chat;
using MedicalImaging.Server.Cluster;
using MedicalImaging.Server.Cluster.Health;
using MedicalImaging.Server.Cluster.Index;
using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.DicomWeb;
using MedicalImaging.Server.Embeddings;
using MedicalImaging.Server.Export;
using MedicalImaging.Server.Health;
using MedicalImaging.Server.Uploads;
using MedicalImaging.Server.Literature;
using MedicalImaging.Server.Logging;
using MedicalImaging.Server.Outbound;
using MedicalImaging.Server.Pipeline;
using MedicalImaging.Server.Pipeline.Jobs;
using MedicalImaging.Server.Privacy;
using MedicalImaging.Server.Providers;
using MedicalImaging.Server.Redaction;
using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Reports;
using MedicalImaging.Server.Security;
using MedicalImaging.Server.Storage;
using MedicalImaging.Server.Studies;
using MedicalImaging.Server.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MedicalImaging.Server.Hosting;

/// <summary>Registers the MedicalImaging service in any ASP.NET Core application: one line per capability, each in its folder.</summary>
public static class MedicalImagingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the whole service. Settings come from the environment variable names of the README, read from
    /// <paramref name="configuration"/>: the application's configuration, or a section of it. Services a host registers
    /// first (IVisionAnalyzer, IReportWriter, ILiteratureSearch, IJobStore, TimeProvider) are kept.
    /// </summary>
    /// <remarks>
    /// Hosted services start in this order: audit log, outbox drainer, stored-data check, vector index load, analysis
    /// runner, job resumer (resumed analyses find the index loaded and the runner accepting).
    /// </remarks>
    public static IServiceCollection AddMedicalImaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        return services
            .AddMedicalImagingSettings(configuration)
            .AddLogRedaction()
            .AddMedicalImagingTelemetry(configuration)
            .AddMedicalImagingAudit(configuration)
            .AddMedicalImagingAuthentication(configuration)
            .AddEgressGuard()
            .AddAnalysisAdmission(configuration)
            .AddOutboundHttpClients()
            .AddReportStorage(configuration)
            .AddImageUploads(configuration)
            .AddSimilarCases(configuration)
            .AddImageProcessing()
            .AddBurnedInTextRedaction()
            .AddVisionProviders(configuration)
            .AddLiteratureSearch()
            .AddReportWriting()
            .AddReportExport()
            .AddReportChat()
            .AddAnalysisPipeline()
            .AddDurableAnalyses(configuration)
            .AddDicomWeb(configuration)
            .AddStudyAnalysis(configuration)
            .AddHealthReporting()
            .AddImagingApi()
            // Last: in CLUSTER_MODE=nats it replaces process-local stores with shared ones; with none it adds only its options.
            .AddCluster(configuration)
            .AddClusterIndex(configuration)
            .AddClusterHealth(configuration);
    }
}
