using MedicalImaging.Server.Pipeline.Feed;
using MedicalImaging.Server.Pipeline.Stages;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalImaging.Server.Pipeline;

/// <summary>Registers the analysis pipeline.</summary>
public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// The preparer, the pipeline, its feed and runner, and the stages in the order they run: decode → de-identify →
    /// preprocess → quantitative → vision → literature → report → embed → store.
    /// </summary>
    public static IServiceCollection AddAnalysisPipeline(this IServiceCollection services)
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
        return services;
    }
}
