using System.Diagnostics;
using MedicalImaging.Server.Cluster.Index;
using NATS.Client.Core;

namespace MedicalImaging.Server.Cluster.Health;

/// <summary>
/// The cluster part of readiness: a NATS round trip (a replica without NATS takes no jobs and cannot keep its
/// index in step, so it is not ready) and the state of the similar-case index replication.
/// </summary>
public sealed class ClusterHealthReporter
{
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(2);
    private readonly INatsConnection _nats;
    private readonly ReportIndexReplicator _index;
    private readonly ReportChangePublisher _publisher;

    public ClusterHealthReporter(INatsConnection nats, ReportIndexReplicator index, ReportChangePublisher publisher)
    {
        _nats = nats;
        _index = index;
        _publisher = publisher;
    }

    /// <summary>Whether this replica takes jobs now: only while its NATS connection is open (no round trip: cheap enough for every dequeue).</summary>
    public bool TakingJobs => _nats.ConnectionState == NatsConnectionState.Open;

    public async Task<ClusterState> GetAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        string? error = null;
        if (_nats.ConnectionState != NatsConnectionState.Open)
        {
            error = $"NATS connection {_nats.ConnectionState.ToString().ToLowerInvariant()} (NATS_URL {_nats.Opts.Url})";
        }
        else
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(PingTimeout);
                await _nats.PingAsync(timeout.Token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                error = $"NATS did not answer a ping within {PingTimeout.TotalSeconds:F0} s: {ex.Message}";
            }
        }

        var connected = error is null;
        return new ClusterState(
            connected,
            Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            error,
            connected && TakingJobs,
            _index.CaughtUp,
            _index.Applied,
            _index.LastLagMs,
            _publisher.Pending);
    }
}
