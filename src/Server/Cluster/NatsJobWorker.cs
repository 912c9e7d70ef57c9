using MedicalImaging.Server.Admission;
using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Pipeline.Feed;
using MedicalImaging.Server.Pipeline.Jobs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.JetStream;

namespace MedicalImaging.Server.Cluster;

/// <summary>
/// This replica as a worker of the shared queue: as many pull loops as MAX_CONCURRENT_ANALYSES, each takes the
/// next job, runs it (resuming from the last event and checkpoints when an earlier holder died or stopped),
/// sends a heartbeat every third of the ack wait while it runs, and acks only once the job's end is stored.
/// A replica that stops hands its running jobs back (nak) after their checkpoint; one that dies says nothing
/// and JetStream redelivers after the ack wait.
/// </summary>
public sealed partial class NatsJobWorker : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private readonly ClusterLayout _layout;
    private readonly IJobStore _store;
    private readonly StoredJobStarter _starter;
    private readonly AnalysisRunner _runner;
    private readonly AnalysisAdmission _admission;
    private readonly TimeProvider _time;
    private readonly ILogger<NatsJobWorker> _logger;

    public NatsJobWorker(ClusterLayout layout, IJobStore store, StoredJobStarter starter, AnalysisRunner runner, AnalysisAdmission admission, TimeProvider time, ILogger<NatsJobWorker> logger)
    {
        _layout = layout;
        _store = store;
        _starter = starter;
        _runner = runner;
        _admission = admission;
        _time = time;
        _logger = logger;
    }

    /// <summary>True while the worker loops are taking jobs (false before the first connection and after losing NATS).</summary>
    public bool Taking { get; private set; }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, _admission.MaxConcurrent)).Select(_ => Task.Run(() => LoopAsync(stoppingToken), stoppingToken)));

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var handles = await _layout.ReadyAsync(stoppingToken);
                var message = await handles.Workers.NextAsync<byte[]>(opts: new NatsJSNextOpts { Expires = TimeSpan.FromSeconds(30) }, cancellationToken: stoppingToken);
                Taking = true;
                if (message is { } job)
                {
                    await RunAsync(job, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Taking = false;
                LogQueueUnavailable(ex);
                try
                {
                    await Task.Delay(RetryDelay, _time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task RunAsync(INatsJSMsg<byte[]> message, CancellationToken stoppingToken)
    {
        var analysisId = System.Text.Encoding.UTF8.GetString(message.Data ?? []);
        var heartbeat = new CancellationTokenSource();
        var beating = HeartbeatAsync(message, heartbeat.Token);
        Task ended;
        try
        {
            var job = await _store.GetAsync(analysisId, stoppingToken);
            // Swept, or finished by an earlier holder that died before its ack: nothing left to do.
            ended = job is null || job.IsFinished || !await StartAsync(job, stoppingToken)
                ? Task.CompletedTask
                : _runner.WhenEnded(analysisId);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ServerStoppingException && stoppingToken.IsCancellationRequested)
        {
            await StopHeartbeatAsync(heartbeat, beating);
            await TryNakAsync(message);
            return;
        }
        catch
        {
            // Not started: no ack, no heartbeat; JetStream offers it again after the ack wait.
            await StopHeartbeatAsync(heartbeat, beating);
            throw;
        }

        var finishing = FinishAsync(message, analysisId, ended, heartbeat, beating);
        try
        {
            await finishing.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The runner stops after this service and suspends the analysis at its next checkpoint; the job is
            // handed back then (FinishAsync goes on without this loop), its heartbeat going until it is.
        }
    }

    /// <summary>Once the run here has ended: ack when its end is stored, else (suspended) nak so another replica resumes it.</summary>
    private async Task FinishAsync(INatsJSMsg<byte[]> message, string analysisId, Task ended, CancellationTokenSource heartbeat, Task beating)
    {
        try
        {
            await ended;
            var after = await _store.GetAsync(analysisId, CancellationToken.None);
            await StopHeartbeatAsync(heartbeat, beating);
            if (after is { IsFinished: true } or null)
            {
                // Its end (and every checkpoint before it) is stored: the job leaves the queue.
                await message.AckAsync(cancellationToken: CancellationToken.None);
            }
            else if (after.State == JobState.Queued)
            {
                // Suspended for shutdown: another replica resumes it now rather than after the ack wait.
                await message.NakAsync(cancellationToken: CancellationToken.None);
                LogHandedBack(analysisId);
            }

            // Otherwise another replica took it over (this run was superseded): its delivery, not this one, settles it.
        }
        catch (Exception ex)
        {
            // Neither acked nor handed back: JetStream redelivers it after the ack wait, and it resumes from its checkpoints.
            if (!beating.IsCompleted)
            {
                await StopHeartbeatAsync(heartbeat, beating);
            }

            LogAckFailed(ex, analysisId);
        }
    }

    private static async Task StopHeartbeatAsync(CancellationTokenSource heartbeat, Task beating)
    {
        await heartbeat.CancelAsync();
        await beating;
        heartbeat.Dispose();
    }

    /// <summary>Prepares and starts the job here; false when it cannot run anywhere (its end is then stored).</summary>
    private async Task<bool> StartAsync(JobRecord job, CancellationToken stoppingToken)
    {
        // Waiting for admission, the heartbeat keeps the job this replica's.
        var start = await _starter.StartAsync(job, "could not run", stoppingToken);
        if (start.NotRunnable is { } reason)
        {
            LogNotRunnable(job.AnalysisId, reason.Message);
            return false;
        }

        if (start.ResumedAfter is { } last)
        {
            LogResumed(job.AnalysisId, last.Sequence);
        }

        return true;
    }

    private async Task HeartbeatAsync(INatsJSMsg<byte[]> message, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_layout.JobAckWait / 3, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    // "Still working": JetStream restarts this job's ack wait.
                    await message.AckProgressAsync(cancellationToken: cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogHeartbeatFailed(ex, System.Text.Encoding.UTF8.GetString(message.Data ?? []));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The job ended.
        }
    }

    private static async Task TryNakAsync(INatsJSMsg<byte[]> message)
    {
        try
        {
            await message.NakAsync(cancellationToken: CancellationToken.None);
        }
        catch (Exception)
        {
            // Not handed back: JetStream redelivers it after the ack wait anyway.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The NATS job queue is unavailable; this replica takes no job until it is back")]
    private partial void LogQueueUnavailable(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Analysis {AnalysisId} resumed on this replica after event {Sequence}")]
    private partial void LogResumed(string analysisId, long sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Analysis {AnalysisId} handed back to the queue for another replica (stopping)")]
    private partial void LogHandedBack(string analysisId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Analysis {AnalysisId} cannot run: {Reason}")]
    private partial void LogNotRunnable(string analysisId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Analysis {AnalysisId} ended here but its job could not be acked; JetStream redelivers it and the next holder finds it finished")]
    private partial void LogAckFailed(Exception exception, string analysisId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat of analysis {AnalysisId} failed; JetStream may hand it to another replica")]
    private partial void LogHeartbeatFailed(Exception exception, string analysisId);
}
