using MedicalImaging.Server.Domain;

namespace MedicalImaging.Server.Storage;

/// <summary>Stores reports, their heatmaps and embeddings. Every read is scoped to an owner.</summary>
public interface IReportRepository
{
    /// <summary>Creates the schema if needed. Idempotent.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Writes a report with its embedding and heatmaps in one transaction.</summary>
    Task SaveAsync(MedicalReport report, StoredEmbedding embedding, IReadOnlyList<StoredHeatmap> heatmaps, CancellationToken cancellationToken);

    /// <summary>The owner's report, or null (also when it belongs to someone else).</summary>
    Task<MedicalReport?> GetAsync(string ownerId, string reportId, CancellationToken cancellationToken);

    /// <summary>A page of the owner's reports, newest first.</summary>
    Task<ReportPage> ListAsync(ReportListQuery query, CancellationToken cancellationToken);

    /// <summary>Summaries of the given reports of the owner (missing ids are skipped).</summary>
    Task<IReadOnlyList<ReportSummaryInfo>> GetSummariesAsync(string ownerId, IReadOnlyCollection<string> reportIds, CancellationToken cancellationToken);

    /// <summary>Deletes the owner's report with its heatmaps and embedding; false when there was none.</summary>
    Task<bool> DeleteAsync(string ownerId, string reportId, CancellationToken cancellationToken);

    /// <summary>
    /// Which of <paramref name="imageIds"/> a report of the owner still names (to erase the rest with the report
    /// that was their last user). May over-report, never under-report: an image kept by mistake is safe, one
    /// erased by mistake is not.
    /// </summary>
    Task<IReadOnlySet<string>> FindReferencedImagesAsync(string ownerId, IReadOnlyCollection<string> imageIds, CancellationToken cancellationToken);

    /// <summary>The newest report of the owner with this cache key created at or after <paramref name="notBefore"/>.</summary>
    Task<MedicalReport?> FindCachedAsync(string ownerId, string cacheKey, DateTimeOffset notBefore, CancellationToken cancellationToken);

    /// <summary>The heatmap PNG of one image of the owner's report, or null.</summary>
    Task<byte[]?> GetHeatmapAsync(string ownerId, string reportId, int imageIndex, CancellationToken cancellationToken);

    /// <summary>Every stored embedding, to load the vector index at start.</summary>
    IAsyncEnumerable<StoredEmbedding> ReadEmbeddingsAsync(CancellationToken cancellationToken);

    /// <summary>Replaces the stored embedding of a report (after a change of embedding model); false when the report is gone.</summary>
    Task<bool> ReplaceEmbeddingAsync(StoredEmbedding embedding, CancellationToken cancellationToken);

    /// <summary>A cheap round trip, for health.</summary>
    Task PingAsync(CancellationToken cancellationToken);

    /// <summary>The store's name for health (sqlite, neo4j).</summary>
    string ProviderName { get; }

    /// <summary>
    /// A resumed analysis found its report already stored (written before the process died, its job then redelivered):
    /// a store that mirrors writes elsewhere (the cluster's reports change stream) announces it again, since the first
    /// announcement may have died with the process. Nothing to do for a plain store.
    /// </summary>
    Task FoundStoredAsync(MedicalReport report, StoredEmbedding embedding, CancellationToken cancellationToken) => Task.CompletedTask;
}
