using MedicalImaging.Server.Embeddings;
using MedicalImaging.Server.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace MedicalImaging.Server.Cluster.Index;

/// <summary>
/// Keeps this replica's similar-case index in step with every replica's writes, from the reports change stream.
/// It stands in for <see cref="VectorIndexLoader"/> in cluster mode: at start it replays the stream (one message
/// per report: the stream is compacted) instead of reading the whole graph, and the server takes traffic once it
/// has caught up (or after <see cref="CatchUpTimeout"/>, catching up in the background and saying so in health).
/// The first replica of a new cluster seeds an empty stream from the store, once.
/// </summary>
public sealed partial class ReportIndexReplicator : IHostedService, IDisposable
{
    /// <summary>How long start waits for the replay before the server takes traffic anyway.</summary>
    public static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly INatsJSContext _js;
    private readonly ReportChangeStream _stream;
    private readonly IReportRepository _repository;
    private readonly VectorIndex _index;
    private readonly IEmbedder _embedder;
    private readonly TimeProvider _time;
    private readonly ILogger<ReportIndexReplicator> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _caughtUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _following = Task.CompletedTask;
    private ulong _catchUpTarget;
    private long _applied;
    private long _skipped;
    private long _lastSequence;
    private long _lastLagMicros;

    public ReportIndexReplicator(INatsJSContext js, ReportChangeStream stream, IReportRepository repository, VectorIndex index, IEmbedder embedder, TimeProvider time, ILogger<ReportIndexReplicator> logger)
    {
        _js = js;
        _stream = stream;
        _repository = repository;
        _index = index;
        _embedder = embedder;
        _time = time;
        _logger = logger;
    }

    /// <summary>True once the replay reached the end of the stream as it was at start.</summary>
    public bool CaughtUp => _caughtUp.Task.IsCompleted;

    /// <summary>Completes when the replay has caught up.</summary>
    public Task CaughtUpTask => _caughtUp.Task;

    /// <summary>Changes applied to the index since start.</summary>
    public long Applied => Interlocked.Read(ref _applied);

    /// <summary>Changes skipped (a vector of another embedding model or length).</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Stream sequence of the last change applied.</summary>
    public long LastSequence => Interlocked.Read(ref _lastSequence);

    /// <summary>Milliseconds from the last change's arrival in JetStream to its application here (the replication lag).</summary>
    public double LastLagMs => Interlocked.Read(ref _lastLagMicros) / 1000.0;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _repository.InitializeAsync(cancellationToken);
        if (_embedder is OpenAiCompatibleEmbedder remote)
        {
            // Without EMBEDDING_DIMENSION the probe is what tells the index its vector length.
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                await remote.ProbeAsync(timeout.Token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogProbeFailed(ex, remote.Model);
            }
        }

        var started = _time.GetTimestamp();
        _following = Task.Run(() => FollowAsync(_stopping.Token), CancellationToken.None);
        try
        {
            await _caughtUp.Task.WaitAsync(CatchUpTimeout, _time, cancellationToken);
            var elapsedMs = _time.GetElapsedTime(started).TotalMilliseconds;
            LogCaughtUp(Applied, Skipped, elapsedMs);
        }
        catch (TimeoutException)
        {
            LogCatchUpSlow(CatchUpTimeout.TotalSeconds, Applied);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _following.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (!CaughtUp)
                {
                    await PrepareAsync(cancellationToken);
                }

                // An ordered consumer: ephemeral, in order, re-created by the client after a reconnect from the
                // last sequence it delivered, so nothing is applied twice or skipped.
                var consumer = await _js.CreateOrderedConsumerAsync(_stream.Name, new NatsJSOrderedConsumerOpts
                {
                    DeliverPolicy = LastSequence == 0 ? ConsumerConfigDeliverPolicy.All : ConsumerConfigDeliverPolicy.ByStartSequence,
                    OptStartSeq = LastSequence == 0 ? 0 : (ulong)LastSequence + 1,
                }, cancellationToken);
                await foreach (var message in consumer.ConsumeAsync<byte[]>(cancellationToken: cancellationToken))
                {
                    Apply(message.Data, message.Metadata);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogFollowFailed(ex, RetryDelay.TotalSeconds);
                await Task.Delay(RetryDelay, _time, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Creates the stream when missing, seeds it when empty, and notes where the replay ends.</summary>
    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var stream = await _js.CreateOrUpdateStreamAsync(_stream.Config(), cancellationToken);
        if (stream.Info.State.Messages == 0)
        {
            await SeedAsync(cancellationToken);
            await stream.RefreshAsync(cancellationToken);
        }

        _catchUpTarget = stream.Info.State.LastSeq;
        if (stream.Info.State.Messages == 0 || (ulong)LastSequence >= _catchUpTarget)
        {
            _caughtUp.TrySetResult();
        }
    }

    /// <summary>
    /// Publishes every stored embedding to an empty stream (a cluster's first start over an existing store). Each
    /// publish expects its subject to be empty, so a seed racing another replica's seed, or a newer change of the
    /// same report, never overwrites what is there.
    /// </summary>
    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        var seeded = 0;
        await foreach (var embedding in _repository.ReadEmbeddingsAsync(cancellationToken))
        {
            var change = ReportChangePublishingRepository.Change(ReportChangeKind.Stored, embedding);
            var ack = await _js.TryPublishAsync(
                _stream.SubjectOf(change.ReportId), ReportChangeStream.Serialize(change),
                opts: new NatsJSPubOpts { ExpectedLastSubjectSequence = 0 }, cancellationToken: cancellationToken);
            if (ack.Success && ack.Value.Error is null)
            {
                seeded++;
            }
        }

        LogSeeded(seeded);
    }

    private void Apply(byte[]? data, NatsJSMsgMetadata? metadata)
    {
        var change = data is null ? null : ReportChangeStream.Deserialize(data);
        if (change is null)
        {
            Interlocked.Increment(ref _skipped);
        }
        else if (change.Kind == ReportChangeKind.Deleted)
        {
            _index.Remove(change.OwnerId, change.ReportId);
            Interlocked.Increment(ref _applied);
        }
        else if (change.Vector is { } vector && change.Model == _index.Model && vector.Length == _index.Dimension)
        {
            _index.Upsert(change.OwnerId, change.ReportId, vector, change.Modality ?? string.Empty, change.BodyPart);
            Interlocked.Increment(ref _applied);
        }
        else
        {
            // Another embedding model's vector: in cluster mode a model change re-embeds nowhere automatically (see SCALING.md).
            Interlocked.Increment(ref _skipped);
        }

        if (metadata is { } meta)
        {
            Interlocked.Exchange(ref _lastSequence, (long)meta.Sequence.Stream);
            var lag = _time.GetUtcNow() - meta.Timestamp;
            Interlocked.Exchange(ref _lastLagMicros, Math.Max(0, (long)(lag.TotalMilliseconds * 1000)));
            if (meta.NumPending == 0 || meta.Sequence.Stream >= _catchUpTarget)
            {
                _caughtUp.TrySetResult();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Similar-case index caught up from the reports change stream: {Applied} changes applied, {Skipped} skipped, in {ElapsedMs:F0} ms")]
    private partial void LogCaughtUp(long applied, long skipped, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The reports change stream was not replayed within {TimeoutSeconds:F0} s ({Applied} changes so far); serving while it catches up in the background (health says so)")]
    private partial void LogCatchUpSlow(double timeoutSeconds, long applied);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the empty reports change stream with {Seeded} stored embeddings")]
    private partial void LogSeeded(int seeded);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Following the reports change stream failed; retrying in {DelaySeconds:F0} s")]
    private partial void LogFollowFailed(Exception exception, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embeddings probe of {Model} failed; reports are embedded when the endpoint answers")]
    private partial void LogProbeFailed(Exception exception, string model);
}
