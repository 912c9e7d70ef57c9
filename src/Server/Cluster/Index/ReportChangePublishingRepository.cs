using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Reports;
using MedicalImaging.Server.Storage;

namespace MedicalImaging.Server.Cluster.Index;

/// <summary>
/// The report store of a clustered replica: every write that changes what the similar-case index holds (a report
/// stored, re-embedded or deleted) is, once the store has taken it, published to the reports change stream so the
/// other replicas' indexes follow. Reads pass straight through.
/// </summary>
public sealed class ReportChangePublishingRepository : IReportRepository
{
    private readonly ReportChangePublisher _publisher;

    public ReportChangePublishingRepository(IReportRepository inner, ReportChangePublisher publisher)
    {
        Inner = inner;
        _publisher = publisher;
    }

    /// <summary>The store this one publishes for (health reads the outbox depth from it).</summary>
    public IReportRepository Inner { get; }

    public string ProviderName => Inner.ProviderName;

    public Task InitializeAsync(CancellationToken cancellationToken) => Inner.InitializeAsync(cancellationToken);

    public async Task SaveAsync(MedicalReport report, StoredEmbedding embedding, IReadOnlyList<StoredHeatmap> heatmaps, CancellationToken cancellationToken)
    {
        await Inner.SaveAsync(report, embedding, heatmaps, cancellationToken);
        // Waited for (bounded): the analysis ends, and its job is acked, only once other replicas can see the report.
        await _publisher.PublishAsync(Change(ReportChangeKind.Stored, embedding));
    }

    /// <summary>Stored by a replica that died before its change was acknowledged, perhaps: announced again (idempotent per report).</summary>
    public Task FoundStoredAsync(MedicalReport report, StoredEmbedding embedding, CancellationToken cancellationToken) =>
        _publisher.PublishAsync(Change(ReportChangeKind.Stored, embedding));

    public async Task<bool> ReplaceEmbeddingAsync(StoredEmbedding embedding, CancellationToken cancellationToken)
    {
        var replaced = await Inner.ReplaceEmbeddingAsync(embedding, cancellationToken);
        if (replaced)
        {
            await _publisher.PublishAsync(Change(ReportChangeKind.Reembedded, embedding));
        }

        return replaced;
    }

    public async Task<bool> DeleteAsync(string ownerId, string reportId, CancellationToken cancellationToken)
    {
        var deleted = await Inner.DeleteAsync(ownerId, reportId, cancellationToken);
        if (deleted)
        {
            await _publisher.PublishAsync(new ReportChange(ReportChangeKind.Deleted, ownerId, reportId, null, null, null, null));
        }

        return deleted;
    }

    public Task<MedicalReport?> GetAsync(string ownerId, string reportId, CancellationToken cancellationToken) =>
        Inner.GetAsync(ownerId, reportId, cancellationToken);

    public Task<ReportPage> ListAsync(ReportListQuery query, CancellationToken cancellationToken) => Inner.ListAsync(query, cancellationToken);

    public Task<IReadOnlyList<ReportSummaryInfo>> GetSummariesAsync(string ownerId, IReadOnlyCollection<string> reportIds, CancellationToken cancellationToken) =>
        Inner.GetSummariesAsync(ownerId, reportIds, cancellationToken);

    public Task<IReadOnlySet<string>> FindReferencedImagesAsync(string ownerId, IReadOnlyCollection<string> imageIds, CancellationToken cancellationToken) =>
        Inner.FindReferencedImagesAsync(ownerId, imageIds, cancellationToken);

    public Task<MedicalReport?> FindCachedAsync(string ownerId, string cacheKey, DateTimeOffset notBefore, CancellationToken cancellationToken) =>
        Inner.FindCachedAsync(ownerId, cacheKey, notBefore, cancellationToken);

    public Task<byte[]?> GetHeatmapAsync(string ownerId, string reportId, int imageIndex, CancellationToken cancellationToken) =>
        Inner.GetHeatmapAsync(ownerId, reportId, imageIndex, cancellationToken);

    public IAsyncEnumerable<StoredEmbedding> ReadEmbeddingsAsync(CancellationToken cancellationToken) => Inner.ReadEmbeddingsAsync(cancellationToken);

    public Task PingAsync(CancellationToken cancellationToken) => Inner.PingAsync(cancellationToken);

    internal static ReportChange Change(ReportChangeKind kind, StoredEmbedding embedding) =>
        new(kind, embedding.OwnerId, embedding.ReportId, embedding.Model, embedding.Vector, embedding.Modality, embedding.BodyPart);
}
