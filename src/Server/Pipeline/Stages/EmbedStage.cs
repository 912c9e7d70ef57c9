using MedicalImaging.Server.Embeddings;
using MedicalImaging.Server.Reports;

namespace MedicalImaging.Server.Pipeline.Stages;

/// <summary>Embeds the report for similar-case search.</summary>
public sealed class EmbedStage : IAnalysisStage
{
    private readonly IEmbedder _embedder;

    public EmbedStage(IEmbedder embedder) => _embedder = embedder;

    public PipelineStage Stage => PipelineStage.Embed;

    public int DonePercent => 88;

    public async Task RunAsync(AnalysisState state, ProgressReporter progress, CancellationToken cancellationToken)
    {
        var report = state.Report!;
        state.Embedding = _embedder.Embed(EmbeddingText.Of(report));
        state.Report = report with
        {
            Provenance = report.Provenance with { EmbeddingModel = _embedder.Model, EmbeddingDimension = _embedder.Dimension },
        };
        await progress.ReportAsync(Stage, DonePercent, $"Embedded with {_embedder.Model}", cancellationToken);
    }
}
