using MedicalImaging.Server.Pipeline.Feed;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace MedicalImaging.Server.Cluster;

/// <summary>
/// Wakes this replica's watchers when another replica appends an event or changes a job's state: JetStream
/// messages are also delivered to plain subscribers of their subject, so one subscription to the events
/// subjects and one to the job-record keys turn every write anywhere into a wake-up here (the watcher then
/// reads the stream; a lost wake-up costs only the feed's poll interval).
/// </summary>
public sealed partial class NatsEventWaker : BackgroundService
{
    private readonly INatsConnection _connection;
    private readonly ClusterLayout _layout;
    private readonly AnalysisFeed _feed;
    private readonly TimeProvider _time;
    private readonly ILogger<NatsEventWaker> _logger;

    public NatsEventWaker(INatsConnection connection, ClusterLayout layout, AnalysisFeed feed, TimeProvider time, ILogger<NatsEventWaker> logger)
    {
        _connection = connection;
        _layout = layout;
        _feed = feed;
        _time = time;
        _logger = logger;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
        FollowAsync(_layout.EventsSubjectPrefix + "*", _layout.EventsSubjectPrefix.Length, stoppingToken),
        FollowAsync($"$KV.{_layout.JobsBucket}.job.*", $"$KV.{_layout.JobsBucket}.job.".Length, stoppingToken));

    private async Task FollowAsync(string subject, int idStart, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Headers and payload are not needed, only the subject: the id is its last token.
                await foreach (var message in _connection.SubscribeAsync<NatsMemoryOwner<byte>>(subject, cancellationToken: stoppingToken))
                {
                    message.Data.Dispose();
                    _feed.Wake(message.Subject[idStart..]);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogSubscriptionFailed(ex, subject);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), _time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Following {Subject} failed; watchers here fall back to polling until it is back")]
    private partial void LogSubscriptionFailed(Exception exception, string subject);
}
