using MedicalImaging.Server.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MedicalImaging.Server.Embeddings;

/// <summary>
/// At start: creates the schema, then loads every stored vector of the current model into the index.
/// Reports embedded with another model (EMBEDDING_PROVIDER or its model changed) are re-embedded in the
/// background from their stored text, saved, and added to the index as they are done.
/// </summary>
public sealed partial class VectorIndexLoader : IHostedService, IDisposable
{
    private readonly IReportRepository _repository;
    private readonly VectorIndex _index;
    private readonly IEmbedder _embedder;
    private readonly ILogger<VectorIndexLoader> _logger;
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);
    private readonly CancellationTokenSource _stopping = new();
    private Task _reembedding = Task.CompletedTask;

    public VectorIndexLoader(IReportRepository repository, VectorIndex index, IEmbedder embedder, ILogger<VectorIndexLoader> logger)
    {
        _repository = repository;
        _index = index;
        _embedder = embedder;
        _logger = logger;
    }

    /// <summary>Completes when every report of another model has been re-embedded (or the server stops).</summary>
    public Task Reembedding => _reembedding;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _repository.InitializeAsync(cancellationToken);
        if (_embedder is OpenAiCompatibleEmbedder remote)
        {
            // Before the vectors are compared: without EMBEDDING_DIMENSION the probe is what tells the model's length.
            await ProbeAsync(remote, cancellationToken);
        }

        var started = TimeProvider.System.GetTimestamp();
        var loaded = 0;
        var stale = new List<StoredEmbedding>();
        await foreach (var embedding in _repository.ReadEmbeddingsAsync(cancellationToken))
        {
            if (embedding.Model != _index.Model || embedding.Vector.Length != _index.Dimension)
            {
                stale.Add(embedding with { Vector = [] });
                continue;
            }

            _index.Upsert(embedding.OwnerId, embedding.ReportId, embedding.Vector, embedding.Modality, embedding.BodyPart);
            loaded++;
        }

        var elapsedMs = TimeProvider.System.GetElapsedTime(started).TotalMilliseconds;
        LogLoaded(loaded, stale.Count, _index.Model, elapsedMs);
        if (stale.Count > 0 && _embedder is OpenAiCompatibleEmbedder)
        {
            var before = string.Join(", ", stale.GroupBy(s => s.Model).Select(g => $"{g.Count()} of {g.Key}"));
            LogStoredIndexMismatch(before, _index.Model, _index.Dimension);
        }

        if (stale.Count > 0)
        {
            _reembedding = Task.Run(() => ReembedAsync(stale, _stopping.Token), CancellationToken.None);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _reembedding.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task ProbeAsync(OpenAiCompatibleEmbedder remote, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            var actual = await remote.ProbeAsync(timeout.Token);
            if (remote.RequestedDimension is { } requested && requested != actual)
            {
                LogProbeMismatch(actual, requested);
            }
            else
            {
                LogProbed(remote.Model, actual, remote.RequestedDimension is null ? "the model's own" : "EMBEDDING_DIMENSION", remote.FloatEncoding ? "float" : "base64");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogProbeFailed(ex, remote.Model);
        }
    }

    private async Task ReembedAsync(List<StoredEmbedding> stale, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var done = 0;
        var failed = 0;
        foreach (var old in stale)
        {
            try
            {
                var report = await _repository.GetAsync(old.OwnerId, old.ReportId, cancellationToken);
                if (report is null)
                {
                    continue;
                }

                var vector = await _embedder.EmbedAsync(EmbeddingText.Of(report), cancellationToken);
                var embedding = old with { Model = _embedder.Model, Vector = vector };
                if (await _repository.ReplaceEmbeddingAsync(embedding, cancellationToken))
                {
                    _index.Upsert(embedding.OwnerId, embedding.ReportId, vector, embedding.Modality, embedding.BodyPart);
                    done++;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // One report's failure (e.g. the embeddings endpoint refusing it) must not stop the rest;
                // it is retried at the next start.
                failed++;
                LogReembedFailed(ex, old.ReportId, old.Model, _embedder.Model);
            }
        }

        var elapsedMs = TimeProvider.System.GetElapsedTime(started).TotalMilliseconds;
        LogReembedded(done, failed, _embedder.Model, elapsedMs);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embeddings probe: {Model} answers {Dimension} dimensions ({Source} length), {Encoding} encoding")]
    private partial void LogProbed(string model, int dimension, string source, string encoding);

    [LoggerMessage(Level = LogLevel.Error, Message = "Embeddings probe: the endpoint answers {Actual} dimensions but EMBEDDING_DIMENSION is {Requested}; every report's vector will be refused. Set EMBEDDING_DIMENSION={Actual} or unset it")]
    private partial void LogProbeMismatch(int actual, int requested);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embeddings probe of {Model} failed; reports are stored and embedded when the endpoint answers (at the latest at the next start)")]
    private partial void LogProbeFailed(Exception exception, string model);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The stored similar-case index does not match the embeddings endpoint: stored {Stored}; the endpoint now gives {Model} ({Dimension} dimensions). Those reports are re-embedded in the background")]
    private partial void LogStoredIndexMismatch(string stored, string model, int dimension);

    [LoggerMessage(Level = LogLevel.Information, Message = "Vector index loaded {Loaded} vectors of model {Model} in {ElapsedMs:F0} ms; {Stale} of other models will be re-embedded")]
    private partial void LogLoaded(int loaded, int stale, string model, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-embedded {Done} reports with {Model} ({Failed} failed) in {ElapsedMs:F0} ms")]
    private partial void LogReembedded(int done, int failed, string model, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-embedding report {ReportId} from {OldModel} to {NewModel} failed; it is retried at the next start")]
    private partial void LogReembedFailed(Exception exception, string reportId, string oldModel, string newModel);
}
