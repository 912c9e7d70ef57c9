using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Pipeline.Feed;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Pipeline.Jobs;

/// <summary>
/// At start, resumes every unfinished job (left by a stop or a crash) from its last checkpoint, through
/// admission like any analysis; a job whose images are gone fails with a message saying so. Then deletes
/// finished jobs past ANALYSIS_RETENTION_MINUTES, once a minute.
/// </summary>
public sealed partial class JobResumer : BackgroundService
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);
    private readonly IJobStore _store;
    private readonly StoredJobStarter _starter;
    private readonly AnalysisFeed _feed;
    private readonly JobOptions _options;
    private readonly TimeProvider _time;
    private readonly JobWorker _worker;
    private readonly ILogger<JobResumer> _logger;

    public JobResumer(
        IJobStore store,
        StoredJobStarter starter,
        AnalysisFeed feed,
        IOptions<JobOptions> options,
        TimeProvider time,
        JobWorker worker,
        ILogger<JobResumer> logger)
    {
        _store = store;
        _starter = starter;
        _feed = feed;
        _options = options.Value;
        _time = time;
        _worker = worker;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var jobs = await _store.ClaimUnfinishedAsync(_worker.Id, stoppingToken);
            foreach (var job in jobs)
            {
                try
                {
                    await ResumeAsync(job, stoppingToken);
                }
                catch (Exception ex) when (ex is not (OperationCanceledException or ServerStoppingException))
                {
                    LogResumeFailed(ex, job.AnalysisId);
                    await _feed.EndAsync(job.AnalysisId, ex);
                }
            }

            using var timer = new PeriodicTimer(SweepInterval, _time);
            do
            {
                await SweepAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping; unfinished jobs stay stored.
        }
        catch (ServerStoppingException)
        {
            // Stopping; unfinished jobs stay stored.
        }
    }

    /// <summary>Deletes finished jobs past retention (their events and checkpoints hold patient-derived text).</summary>
    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        try
        {
            var swept = await _store.DeleteFinishedBeforeAsync(_time.GetUtcNow() - _options.Retention, stoppingToken);
            if (swept > 0)
            {
                LogSwept(swept, _options.AnalysisRetentionMinutes);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSweepFailed(ex);
        }
    }

    private async Task ResumeAsync(JobRecord job, CancellationToken stoppingToken)
    {
        var start = await _starter.StartAsync(job, "could not resume after a restart", stoppingToken);
        if (start.NotRunnable is { } reason)
        {
            LogNotResumable(job.AnalysisId, reason.Message);
            return;
        }

        LogResumed(job.AnalysisId, start.ResumedAfter?.Sequence ?? 0);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Analysis {AnalysisId} resumed after a restart, after event {Sequence}")]
    private partial void LogResumed(string analysisId, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Analysis {AnalysisId} cannot resume: {Reason}")]
    private partial void LogNotResumable(string analysisId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Analysis {AnalysisId} could not be resumed")]
    private partial void LogResumeFailed(Exception exception, string analysisId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting finished analyses past retention failed; tried again in a minute")]
    private partial void LogSweepFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} finished analyses older than {Minutes} minutes (job rows, events, checkpoints)")]
    private partial void LogSwept(int count, int minutes);
}
