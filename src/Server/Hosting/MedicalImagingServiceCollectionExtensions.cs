using MedicalImaging.Imaging;
using MedicalImaging.Imaging.Analysis;
using MedicalImaging.Imaging.Decoding;
using MedicalImaging.Imaging.Heatmaps;
using MedicalImaging.Imaging.Preprocessing;
using MedicalImaging.Server.Admission;
using MedicalImaging.Server.Api;
using MedicalImaging.Server.Audit;
using MedicalImaging.Server.Chat;
using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Embeddings;
using MedicalImaging.Server.Health;
using MedicalImaging.Server.Imaging;
using MedicalImaging.Server.Logging;
using MedicalImaging.Server.Literature;
using MedicalImaging.Server.Outbound;
using MedicalImaging.Server.Pipeline;
using MedicalImaging.Server.Pipeline.Feed;
using MedicalImaging.Server.Pipeline.Stages;
using MedicalImaging.Server.Privacy;
using MedicalImaging.Server.Providers;
using MedicalImaging.Server.Providers.Chain;
using MedicalImaging.Server.Providers.Local;
using MedicalImaging.Server.Reports;
using MedicalImaging.Server.Reports.Writing;
using MedicalImaging.Server.Security;
using MedicalImaging.Server.Storage;
using MedicalImaging.Server.Storage.Neo4j;
using MedicalImaging.Server.Storage.Outbox;
using MedicalImaging.Server.Storage.Sqlite;
using MedicalImaging.Server.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Hosting;

/// <summary>Registers the MedicalImaging service in any ASP.NET Core application.</summary>
public static class MedicalImagingServiceCollectionExtensions
{
    /// <summary>
    /// Adds gRPC (+ JSON transcoding, reflection, grpc.health.v1), JWT authentication, the analysis
    /// pipeline, the embedded SQLite store and the similar-case index. Settings come from the
    /// environment variable names of the README, read from <paramref name="configuration"/>.
    /// </summary>
    public static IServiceCollection AddMedicalImaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MedicalImagingOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MedicalImagingOptions>, MedicalImagingOptionsValidator>();
        services.AddOptions<JwtOptions>().Bind(configuration);
        services.AddOptions<ProviderOptions>().Bind(configuration);
        services.AddOptions<ProviderOptions>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProviderOptions>, PubMedOptionsValidator>();
        services.AddSingleton<IValidateOptions<ProviderOptions>, Providers.Profiles.ProviderProfilesValidator>();
        services.AddSingleton<IValidateOptions<ProviderOptions>, ChatStreamOptionsValidator>();
        services.TryAddSingleton(sp => Providers.Profiles.ProviderProfileSet.Load(sp.GetRequiredService<IOptions<ProviderOptions>>().Value.ProviderProfilesPath));
        services.AddOptions<Neo4jOptions>().Bind(configuration);
        services.AddOptions<EmbeddingOptions>().Bind(configuration);
        services.AddOptions<AdmissionOptions>().Bind(configuration).ValidateOnStart();
        services.AddOptions<StoredDataOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AdmissionOptions>, AdmissionOptionsValidator>();
        services.AddSingleton<IValidateOptions<StoredDataOptions>, AdmissionOptionsValidator>();
        services.AddSingleton<AnalysisAdmission>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<EgressGuard>();
        services.AddLogRedaction();
        services.AddMedicalImagingTelemetry(configuration);
        services.AddMedicalImagingAudit(configuration);

        var maxImageBytes = configuration.Get<MedicalImagingOptions>()?.MaxImageBytes ?? new MedicalImagingOptions().MaxImageBytes;
        services.AddGrpc(grpc =>
        {
            // Audit first (outermost): it records the status the caller gets, after exception mapping.
            grpc.Interceptors.Add<AuditInterceptor>();
            grpc.Interceptors.Add<ExceptionMappingInterceptor>();
            // One inline image of the maximum size fits in a message; larger requests go through UploadImage.
            grpc.MaxReceiveMessageSize = (int)Math.Min(int.MaxValue, maxImageBytes + (1 << 20));
            grpc.MaxSendMessageSize = 64 << 20;
        }).AddJsonTranscoding(transcoding =>
            // Error details (google.rpc.BadRequest, RetryInfo) are Any messages: JSON needs their types.
            transcoding.TypeRegistry = Google.Protobuf.Reflection.TypeRegistry.FromMessages(
                Google.Rpc.BadRequest.Descriptor, Google.Rpc.RetryInfo.Descriptor, Google.Rpc.ErrorInfo.Descriptor));
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddMedicalImagingAuthentication();
        services.AddSingleton<UserRateLimiter>();

        services.AddMedicalImagingStorage();
        services.AddMedicalImagingImaging();
        services.AddMedicalImagingPipeline();
        services.AddMedicalImagingJobs(configuration);
        return services;
    }

    private static void AddMedicalImagingStorage(this IServiceCollection services)
    {
        services.AddSingleton(sp => new SqliteConnectionFactory(
            Path.Combine(sp.GetRequiredService<IOptions<MedicalImagingOptions>>().Value.ResolvedDataDirectory, "medimaging.db")));
        services.AddOutboundHttpClients();
        services.AddReportOutbox();
        services.AddSingleton<IReportRepository>(sp =>
            sp.GetRequiredService<IOptions<MedicalImagingOptions>>().Value.StorageProvider == "neo4j"
                ? sp.GetRequiredService<OutboxReportRepository>()
                : new SqliteReportRepository(sp.GetRequiredService<SqliteConnectionFactory>()));
        services.AddSingleton<IImageStore>(sp => new FileImageStore(
            sp.GetRequiredService<IOptions<MedicalImagingOptions>>().Value.ResolvedDataDirectory,
            sp.GetRequiredService<IOptions<StoredDataOptions>>().Value.UserStorageQuotaBytes));
        services.AddHostedService<StoredDataStartup>();
        services.AddSingleton(sp => EmbedderFactory.Create(
            sp.GetRequiredService<IOptions<EmbeddingOptions>>().Value,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(OutboundHttpClients.EmbeddingsClientName),
            sp.GetRequiredService<EgressGuard>()));
        services.AddSingleton<VectorIndex>();
        services.AddHostedService<VectorIndexLoader>();
        services.AddSingleton<ReportQueries>();
        Export.ExportServiceCollectionExtensions.AddReportExport(services);
        services.AddSingleton<HealthReporter>();
    }

    private static void AddMedicalImagingImaging(this IServiceCollection services)
    {
        // Decoders are tried in order; the first whose CanDecode accepts the bytes decodes them.
        services.AddSingleton<IImageDecoder>(sp => new MedicalImaging.Dicom.DicomImageDecoder(parse: new MedicalImaging.Dicom.DicomParseOptions
        {
            MaxInflatedBytes = sp.GetRequiredService<IOptions<MedicalImagingOptions>>().Value.MaxImageBytes * AdmissionOptions.InflatedSizeMultiple,
            MaxInflatedBytesSource = $"{AdmissionOptions.InflatedSizeMultiple} × MAX_IMAGE_SIZE_MB",
        }));
        services.AddSingleton<IImageDecoder, RasterImageDecoder>();
        services.AddSingleton<IImagePreprocessor, ModalityPreprocessor>();
        services.AddSingleton<IQuantitativeAnalyzer, QuantitativeAnalyzer>();
        services.AddSingleton<IHeatmapGenerator, AnomalyHeatmapGenerator>();
    }

    private static void AddMedicalImagingPipeline(this IServiceCollection services)
    {
        services.AddSingleton<AnalysisPreparer>();
        services.AddSingleton<AnalysisPipeline>();
        services.AddSingleton<AnalysisFeed>();
        services.AddSingleton<AnalysisRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<AnalysisRunner>());
        services.AddSingleton<IAnalysisStage, DecodeStage>();
        services.AddSingleton<IAnalysisStage, DeidentifyStage>();
        services.AddSingleton<IAnalysisStage, PreprocessStage>();
        services.AddSingleton<IAnalysisStage, QuantitativeStage>();
        services.AddSingleton<IAnalysisStage, VisionStage>();
        services.AddSingleton<IAnalysisStage, LiteratureStage>();
        services.AddSingleton<IAnalysisStage, ReportStage>();
        services.AddSingleton<IAnalysisStage, EmbedStage>();
        services.AddSingleton<IAnalysisStage, StoreStage>();
        services.AddSingleton<LocalVisionAnalyzer>();
        services.AddSingleton(sp => new ProviderRoster(
            sp.GetRequiredService<IOptions<ProviderOptions>>(), sp.GetRequiredService<IOptions<MedicalImagingOptions>>(),
            sp.GetRequiredService<Providers.Profiles.ProviderProfileSet>(),
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(OutboundHttpClients.ProvidersClientName), sp.GetRequiredService<TimeProvider>()));
        // Tesseract must be loaded before OpenCV's first use (see TextDetectionRuntime); the outcome is checked per image.
        MedicalImaging.Imaging.TextDetection.TextDetectionRuntime.Preload(out _);
        services.AddSingleton<MedicalImaging.Imaging.TextDetection.ITextDetector>(_ => new MedicalImaging.Imaging.TextDetection.TesseractTextDetector());
        services.AddSingleton<MedicalImaging.Server.Redaction.OutboundImagePreparer>();
        services.AddSingleton<ProviderChain>();
        services.AddSingleton<ProviderChainVisionAnalyzer>();
        services.AddSingleton<IChatHistoryStore, SqliteChatHistoryStore>();
        services.AddSingleton<ReportChat>();
        services.AddSingleton<AiReportWriter>();
        services.TryAddSingleton<IVisionAnalyzer>(sp => sp.GetRequiredService<ProviderChainVisionAnalyzer>());
        services.TryAddSingleton<IProviderHealthSource>(sp => sp.GetRequiredService<ProviderChainVisionAnalyzer>());
        services.TryAddSingleton<IReportWriter, TemplateReportWriter>();
        services.AddSingleton<PubMedRateLimiter>();
        services.AddTransient<PubMedThrottleHandler>();
        services.AddHttpClient(PubMedSearch.HttpClientName).AddHttpMessageHandler<PubMedThrottleHandler>();
        services.TryAddSingleton<ILiteratureSearch>(sp => new PubMedSearch(sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<IOptions<ProviderOptions>>(), sp.GetRequiredService<EgressGuard>()));
    }
}
