using System.Runtime.CompilerServices;
using MedicalImaging.Server.Domain;
using Microsoft.Extensions.Logging;

namespace MedicalImaging.Server.Storage.Outbox;

/// <summary>
/// The report store (Neo4j) behind a durable local outbox. A write the store does not take — unreachable, a
/// timeout, a 5xx, the server stopping mid-write — is kept whole in <see cref="ReportOutbox"/> and acknowledged,
/// so an analysis never loses its report to a store outage; <see cref="OutboxDrainer"/> hands it to the store
/// when it answers again (the store's write is idempotent by report id). Until then reads of the owner's report
/// come from the outbox, marked <see cref="MedicalReport.StoragePending"/>, and erasing it erases the kept copy.
/// </summary>
public sealed partial class OutboxReportRepository : IReportRepository, IDisposable
{
    private readonly IReportRepository _store;
    private readonly ReportOutbox _outbox;
    private readonly OutboxMetrics _metrics;
    private readonly ILogger<OutboxReportRepository> _logger;

    // One drain step or one erasure at a time: an erasure cannot slip between a drain's read of the outbox and
    // its write to the store (which would bring the erased report back).
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _work = new(0, int.MaxValue);

    public OutboxReportRepository(IReportRepository store, ReportOutbox outbox, OutboxMetrics metrics, ILogger<OutboxReportRepository> logger)
    {
        _store = store;
        _outbox = outbox;
        _metrics = metrics;
        _logger = logger;
    }

    public string ProviderName => _store.ProviderName;

    /// <summary>Reports waiting for the store.</summary>
    public Task<long> DepthAsync(CancellationToken cancellationToken) => _outbox.CountAsync(cancellationToken);

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _outbox.InitializeAsync(cancellationToken);
        await RefreshDepthAsync(cancellationToken);
        await _store.InitializeAsync(cancellationToken);
        _work.Release();
    }

    /// <summary>
    /// Writes to the store; when that fails for any reason (the store's client gives up after NEO4J_TIMEOUT_SECONDS
    /// at most), keeps the whole write in the outbox and returns normally: the report is acknowledged either way.
    /// Cancellation (the server stopping) ends the store write, never the local one.
    /// </summary>
    public async Task SaveAsync(MedicalReport report, StoredEmbedding embedding, IReadOnlyList<StoredHeatmap> heatmaps, CancellationToken cancellationToken)
    {
        try
        {
            await _store.SaveAsync(report, embedding, heatmaps, cancellationToken);
            return;
        }
        catch (Exception ex)
        {
            await _outbox.AddAsync(new OutboxEntry(report, embedding, heatmaps), Describe(ex), CancellationToken.None);
            _metrics.Enqueued();
            var depth = await RefreshDepthAsync(CancellationToken.None);
            LogKept(report.Id, depth, Describe(ex));
            _work.Release();
        }
    }

    public async Task<MedicalReport?> GetAsync(string ownerId, string reportId, CancellationToken cancellationToken) =>
        await _outbox.GetAsync(ownerId, reportId, cancellationToken) ?? await _store.GetAsync(ownerId, reportId, cancellationToken);

    /// <summary>The store's page merged with the owner's pending reports (the same filters and cursor), newest first.</summary>
    public async Task<ReportPage> ListAsync(ReportListQuery query, CancellationToken cancellationToken)
    {
        var pending = await _outbox.ListAsync(query, cancellationToken);
        var stored = await _store.ListAsync(query, cancellationToken);
        if (pending.Count == 0)
        {
            return stored;
        }

        // A report being drained may be in both for a moment: the stored copy wins.
        var storedIds = stored.Reports.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var merged = stored.Reports.Concat(pending.Where(p => !storedIds.Contains(p.Id)))
            .OrderByDescending(r => r.CreatedAt.ToUnixTimeMilliseconds()).ThenByDescending(r => r.Id, StringComparer.Ordinal)
            .ToList();
        var more = merged.Count > query.PageSize || stored.Next is not null;
        var page = merged.Take(query.PageSize).ToList();
        return new ReportPage(page, more && page.Count > 0 ? new ReportCursor(page[^1].CreatedAt.ToUnixTimeMilliseconds(), page[^1].Id) : null);
    }

    public async Task<IReadOnlyList<ReportSummaryInfo>> GetSummariesAsync(string ownerId, IReadOnlyCollection<string> reportIds, CancellationToken cancellationToken)
    {
        var pending = await _outbox.GetSummariesAsync(ownerId, reportIds, cancellationToken);
        var rest = reportIds.Except(pending.Select(p => p.Id), StringComparer.Ordinal).ToList();
        return rest.Count == 0 ? pending : [.. pending, .. await _store.GetSummariesAsync(ownerId, rest, cancellationToken)];
    }

    /// <summary>Erases the pending copy and the stored one; when the store cannot be asked, the erasure waits in the outbox.</summary>
    public async Task<bool> DeleteAsync(string ownerId, string reportId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var pending = await _outbox.RemoveAsync(ownerId, reportId, cancellationToken);
            if (!pending)
            {
                return await _store.DeleteAsync(ownerId, reportId, cancellationToken);
            }

            await RefreshDepthAsync(CancellationToken.None);
            try
            {
                await _store.DeleteAsync(ownerId, reportId, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A write that timed out may still have been committed: erase it there once the store answers.
                await _outbox.AddErasureAsync(ownerId, reportId, CancellationToken.None);
                _work.Release();
            }

            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Over-reports when the store cannot be asked (every image counts as named): an image kept is safe, one erased is not.</summary>
    public async Task<IReadOnlySet<string>> FindReferencedImagesAsync(string ownerId, IReadOnlyCollection<string> imageIds, CancellationToken cancellationToken)
    {
        var referenced = new HashSet<string>(await _outbox.FindReferencedImagesAsync(ownerId, imageIds, cancellationToken), StringComparer.Ordinal);
        try
        {
            referenced.UnionWith(await _store.FindReferencedImagesAsync(ownerId, imageIds, cancellationToken));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogStoreUnavailable("FindReferencedImages", Describe(ex));
            referenced.UnionWith(imageIds);
        }

        return referenced;
    }

    /// <summary>A store that cannot be asked is a cache miss, not a failed analysis.</summary>
    public async Task<MedicalReport?> FindCachedAsync(string ownerId, string cacheKey, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        if (await _outbox.FindCachedAsync(ownerId, cacheKey, notBefore, cancellationToken) is { } pending)
        {
            return pending;
        }

        try
        {
            return await _store.FindCachedAsync(ownerId, cacheKey, notBefore, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogStoreUnavailable("FindCached", Describe(ex));
            return null;
        }
    }

    public async Task<byte[]?> GetHeatmapAsync(string ownerId, string reportId, int imageIndex, CancellationToken cancellationToken) =>
        await _outbox.GetHeatmapAsync(ownerId, reportId, imageIndex, cancellationToken)
        ?? await _store.GetHeatmapAsync(ownerId, reportId, imageIndex, cancellationToken);

    /// <summary>The store's embeddings, then the pending ones: similar-case search includes pending reports.</summary>
    public async IAsyncEnumerable<StoredEmbedding> ReadEmbeddingsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var embedding in _store.ReadEmbeddingsAsync(cancellationToken))
        {
            yield return embedding;
        }

        foreach (var embedding in await _outbox.ReadEmbeddingsAsync(cancellationToken))
        {
            yield return embedding;
        }
    }

    public async Task<bool> ReplaceEmbeddingAsync(StoredEmbedding embedding, CancellationToken cancellationToken) =>
        await _outbox.ReplaceEmbeddingAsync(embedding, cancellationToken) || await _store.ReplaceEmbeddingAsync(embedding, cancellationToken);

    public Task PingAsync(CancellationToken cancellationToken) => _store.PingAsync(cancellationToken);

    /// <summary>Waits until a write was kept (or <paramref name="poll"/> passed).</summary>
    internal async Task WaitForWorkAsync(TimeSpan poll, CancellationToken cancellationToken) =>
        await _work.WaitAsync(poll, cancellationToken);

    /// <summary>
    /// Hands every kept write and erasure to the store, oldest first; throws at the first the store refuses
    /// (the drainer retries with backoff). Answers how many reports were written.
    /// </summary>
    internal async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        foreach (var (ownerId, reportId) in await _outbox.ErasuresAsync(cancellationToken))
        {
            await _store.DeleteAsync(ownerId, reportId, cancellationToken);
            await _outbox.RemoveErasureAsync(reportId, CancellationToken.None);
        }

        var written = 0;
        while (true)
        {
            var batch = await _outbox.OldestAsync(100, cancellationToken);
            if (batch.Count == 0)
            {
                return written;
            }

            foreach (var reportId in batch)
            {
                if (await DrainOneAsync(reportId, cancellationToken))
                {
                    written++;
                }
            }
        }
    }

    private async Task<bool> DrainOneAsync(string reportId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (await _outbox.LoadAsync(reportId, cancellationToken) is not { } entry)
            {
                return false;
            }

            try
            {
                await _store.SaveAsync(entry.Report, entry.Embedding, entry.Heatmaps, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                await _outbox.RecordFailureAsync(reportId, Describe(ex), CancellationToken.None);
                throw;
            }

            await _outbox.RemoveAsync(null, reportId, CancellationToken.None);
            _metrics.Drained();
            var depth = await RefreshDepthAsync(CancellationToken.None);
            LogDrained(reportId, depth);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<long> RefreshDepthAsync(CancellationToken cancellationToken)
    {
        var depth = await _outbox.CountAsync(cancellationToken);
        _metrics.Depth = depth;
        return depth;
    }

    public void Dispose()
    {
        _gate.Dispose();
        _work.Dispose();
    }

    private static string Describe(Exception ex) => $"{ex.GetType().Name}: {ex.Message}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "The report store did not take report {ReportId}; kept in the local outbox ({Depth} waiting): {Reason}")]
    private partial void LogKept(string reportId, long depth, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {ReportId} written to the store from the outbox ({Depth} waiting)")]
    private partial void LogDrained(string reportId, long depth);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The report store could not answer {Operation}; answered without it: {Reason}")]
    private partial void LogStoreUnavailable(string operation, string reason);
}
