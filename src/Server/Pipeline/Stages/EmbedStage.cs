using MedicalImaging.Server.Embeddings;
using Microsoft.Extensions.Logging;

namespace MedicalImaging.Server.Pipeline.Stages;

/// <summary>
/// Embeds the report for similar-case search. An embedder that fails (an unreachable embeddings
/// endpoint) does not cost the user their report: it is stored with a pending embedding, left out of
/// the index, and re-embedded at the next start.
/// </summary>
public sealed partial class EmbedStage : IAnalysisStage
{
    /// <summary>The model recorded for a report whose embedding failed; never equal to a real model.</summary>
    public const string PendingModel = "pending";

    private readonly IEmbedder _embedder;
    private readonly ILogger<EmbedStage> _logger;

    public EmbedStage(IEmbedder embedder, ILogger<EmbedStage> logger)
    {
        _embedder = embedder;
        _logger = logger;
    }

    public PipelineStage Stage => PipelineStage.Embed;

    public int DonePercent => 88;

    public async Task RunAsync(AnalysisState state, ProgressReporter progress, CancellationToken cancellationToken)
    {
        var report = state.RequiredReport;
        string model;
        string message;
        try
        {
            state.Embedding = await _embedder.EmbedAsync(EmbeddingText.Of(report), state.Identifiers, cancellationToken);
            model = _embedder.Model;
            message = $"Embedded with {_embedder.Model}";
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogEmbeddingFailed(ex, _embedder.Model);
            state.Embedding = [];
            model = PendingModel;
            message = $"Embedding with {_embedder.Model} failed; the report is stored and will be embedded at the next start";
        }

        state.Report = report with
        {
            Provenance = report.Provenance with { EmbeddingModel = model, EmbeddingDimension = state.Embedding.Length },
        };
        await progress.ReportAsync(Stage, DonePercent, message, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedding with {Model} failed; the report is stored without a vector")]
    private partial void LogEmbeddingFailed(Exception exception, string model);
}
