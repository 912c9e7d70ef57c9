using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.JetStream;

namespace MedicalImaging.Server.Cluster.Index;

/// <summary>
/// Publishes report changes to the change stream in the order they happened on this replica: changes queue in memory
/// and are published, retried until JetStream acknowledges them, by one loop (so a store and a later delete of one
/// report keep their order). The write that caused a change waits for that acknowledgement for a bounded time
/// (<see cref="PublishWait"/>), so an analysis is not finished (its job not acked) while its report is known to this
/// replica only: a replica killed right after storing would otherwise take the change with it.
/// </summary>
public sealed partial class ReportChangePublisher : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);
    /// <summary>How long a write waits for its change to be acknowledged before going on (the loop keeps retrying).</summary>
    public static readonly TimeSpan PublishWait = TimeSpan.FromSeconds(5);

    private readonly Channel<(ReportChange Change, TaskCompletionSource Published)> _pending =
        Channel.CreateUnbounded<(ReportChange, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly INatsJSContext _js;
    private readonly ReportChangeStream _stream;
    private readonly TimeProvider _time;
    private readonly ILogger<ReportChangePublisher> _logger;
    private long _queued;
    private long _published;

    public ReportChangePublisher(INatsJSContext js, ReportChangeStream stream, TimeProvider time, ILogger<ReportChangePublisher> logger)
    {
        _js = js;
        _stream = stream;
        _time = time;
        _logger = logger;
    }

    /// <summary>Changes queued and not yet acknowledged by JetStream (health shows it: they are what other replicas miss).</summary>
    public long Pending => Interlocked.Read(ref _queued) - Interlocked.Read(ref _published);

    /// <summary>Queues a change and waits until JetStream has acknowledged it, at most <see cref="PublishWait"/>.</summary>
    public async Task PublishAsync(ReportChange change)
    {
        try
        {
            await Queue(change).WaitAsync(PublishWait, _time);
        }
        catch (TimeoutException)
        {
            // NATS is slow or away: the loop keeps retrying, health shows the change as pending.
        }
    }

    private Task Queue(ReportChange change)
    {
        var published = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Increment(ref _queued);
        _pending.Writer.TryWrite((change, published));
        return published.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (change, published) in _pending.Reader.ReadAllAsync(stoppingToken))
        {
            var backoff = TimeSpan.FromMilliseconds(100);
            while (true)
            {
                try
                {
                    var ack = await _js.PublishAsync(_stream.SubjectOf(change.ReportId), ReportChangeStream.Serialize(change), cancellationToken: stoppingToken);
                    ack.EnsureSuccess();
                    Interlocked.Increment(ref _published);
                    published.TrySetResult();
                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogPublishFailed(ex, change.Kind, change.ReportId, backoff.TotalMilliseconds);
                    await Task.Delay(backoff, _time, stoppingToken);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing the {Kind} change of report {ReportId} to the reports change stream failed; retrying in {BackoffMs:F0} ms (other replicas' similar-case index misses it until then)")]
    private partial void LogPublishFailed(Exception exception, ReportChangeKind kind, string reportId, double backoffMs);
}
