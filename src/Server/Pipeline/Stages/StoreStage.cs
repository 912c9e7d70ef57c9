using MedicalImaging.Server.Embeddings;
using MedicalImaging.Server.Storage;

namespace MedicalImaging.Server.Pipeline.Stages;

/// <summary>Stores the report, its embedding and heatmaps in one transaction (once: a report already stored under its id is kept), then indexes it.</summary>
public sealed class StoreStage : IAnalysisStage
{
    private readonly IReportRepository _repository;
    private readonly VectorIndex _index;

    public StoreStage(IReportRepository repository, VectorIndex index)
    {
        _repository = repository;
        _index = index;
    }

    /// <summary>How many similar earlier reports a new report is linked to in the graph store, and from which score.</summary>
    private const int SimilarLinks = 5;
    private const float SimilarLinkMinScore = 0.5f;

    public PipelineStage Stage => PipelineStage.Store;

    public int DonePercent => 95;

    public async Task RunAsync(AnalysisState state, ProgressReporter progress, CancellationToken cancellationToken)
    {
        var report = state.Report!;
        var vector = state.Embedding!;
        var heatmaps = state.Images.Where(i => i.Heatmap is not null).Select(i => new StoredHeatmap(i.Source.Index, i.Heatmap!.Png)).ToList();
        var embedding = new StoredEmbedding(report.Id, report.OwnerId, report.Provenance.EmbeddingModel, vector, report.Modality, report.BodyPart)
        {
            SimilarTo = vector.Length == _index.Dimension
                ? [.. _index.Search(new SimilarityQuery(report.OwnerId, vector, SimilarLinks, report.Id, MinScore: SimilarLinkMinScore))
                    .Select(h => new SimilarLink(h.ReportId, h.Score))]
                : [],
        };

        // The write is not cancelled half-way: a client that hangs up after this point still gets a stored report.
        // A resumed analysis whose report was stored before the crash finds it under the same id: one report per analysis.
        if (await _repository.GetAsync(report.OwnerId, report.Id, CancellationToken.None) is null)
        {
            await _repository.SaveAsync(report, embedding, heatmaps, CancellationToken.None);
        }

        if (vector.Length == _index.Dimension)
        {
            _index.Upsert(report.OwnerId, report.Id, vector, report.Modality, report.BodyPart);
        }

        await progress.ReportAsync(Stage, DonePercent, $"Stored report {report.Id} ({_repository.ProviderName})", cancellationToken);
    }
}
