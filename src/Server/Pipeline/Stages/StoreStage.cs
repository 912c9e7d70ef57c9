using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Embeddings;
using MedicalImaging.Server.Storage;
using Microsoft.Extensions.Hosting;

namespace MedicalImaging.Server.Pipeline.Stages;

/// <summary>Stores the report, its embedding and heatmaps in one transaction (once: a report already stored under its id is kept), then indexes it.</summary>
public sealed class StoreStage : IAnalysisStage
{
    private readonly IReportRepository _repository;
    private readonly VectorIndex _index;
    private readonly CancellationToken _serverStopping;

    public StoreStage(IReportRepository repository, VectorIndex index, IHostApplicationLifetime lifetime)
    {
        _repository = repository;
        _index = index;
        _serverStopping = lifetime.ApplicationStopping;
    }

    /// <summary>How many similar earlier reports a new report is linked to in the graph store, and from which score.</summary>
    private const int SimilarLinks = 5;
    private const float SimilarLinkMinScore = 0.5f;

    public PipelineStage Stage => PipelineStage.Store;

    public int DonePercent => 95;

    public async Task RunAsync(AnalysisState state, ProgressReporter progress, CancellationToken cancellationToken)
    {
        var report = state.RequiredReport;
        var vector = state.Embedding ?? throw new InvalidOperationException($"Analysis {state.AnalysisId}: the embed stage has not run.");
        var heatmaps = state.Images.Where(i => i.Heatmap is not null).Select(i => new StoredHeatmap(i.Source.Index, i.Heatmap!.Png)).ToList();
        var embedding = new StoredEmbedding(report.Id, report.OwnerId, report.Provenance.EmbeddingModel, vector, report.Modality, report.BodyPart)
        {
            SimilarTo = vector.Length == _index.Dimension
                ? [.. _index.Search(new SimilarityQuery(report.OwnerId, vector, SimilarLinks, report.Id, MinScore: SimilarLinkMinScore))
                    .Select(h => new SimilarLink(h.ReportId, h.Score))]
                : [],
        };

        // One report per analysis: a resumed analysis whose report was stored before the crash finds it under the same id.
        // A client that hangs up after this point still gets a stored report: only the server stopping cancels the
        // write (one transaction: all or nothing). On Neo4j a write that fails, stalls past NEO4J_TIMEOUT_SECONDS or
        // is cancelled so is kept in the local outbox instead (OutboxReportRepository), so this never hangs.
        if (!await AlreadyStoredAsync(report))
        {
            await _repository.SaveAsync(report, embedding, heatmaps, _serverStopping);
        }
        else
        {
            await _repository.FoundStoredAsync(report, embedding, _serverStopping);
        }

        if (vector.Length == _index.Dimension)
        {
            _index.Upsert(report.OwnerId, report.Id, vector, report.Modality, report.BodyPart);
        }

        await progress.ReportAsync(Stage, DonePercent, $"Stored report {report.Id} ({_repository.ProviderName})", cancellationToken);
    }

    /// <summary>
    /// Whether the report is already stored. A store that cannot be read now (Neo4j down) answers "no": the save then
    /// goes to the outbox, and Neo4j's save is idempotent by report id, so a second copy is never written.
    /// </summary>
    private async Task<bool> AlreadyStoredAsync(MedicalReport report)
    {
        try
        {
            return await _repository.GetAsync(report.OwnerId, report.Id, _serverStopping) is not null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return false;
        }
    }
}
