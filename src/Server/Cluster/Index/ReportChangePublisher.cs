using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.JetStream;

namespace MedicalImaging.Server.Cluster.Index;

/// <summary>
/// Publishes report changes to the change stream in the order they happened on this replica. The write that
/// caused a change never waits for NATS: changes queue in memory and are published, retried until JetStream
/// acknowledges them, by one loop (so a store and a later delete of one report keep their order).
/// </summary>
public sealed partial class ReportChangePublisher : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);
    private readonly Channel<ReportChange> _pending = Channel.CreateUnbounded<ReportChange>(new UnboundedChannelOptions { SingleReader = true });
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

    /// <summary>Queues a change; returns at once.</summary>
    public void Enqueue(ReportChange change)
    {
        Interlocked.Increment(ref _queued);
        _pending.Writer.TryWrite(change);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var change in _pending.Reader.ReadAllAsync(stoppingToken))
        {
            var backoff = TimeSpan.FromMilliseconds(100);
            while (true)
            {
                try
                {
                    var ack = await _js.PublishAsync(_stream.SubjectOf(change.ReportId), ReportChangeStream.Serialize(change), cancellationToken: stoppingToken);
                    ack.EnsureSuccess();
                    Interlocked.Increment(ref _published);
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
