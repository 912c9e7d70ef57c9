using System.Collections.Concurrent;
using System.Diagnostics;
using MedicalImaging.Server.Common;
using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Pipeline.Jobs;
using MedicalImaging.Server.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Pipeline.Feed;

/// <summary>
/// Runs analyses in the background, independent of the call that started them: a client that drops
/// the Analyze stream can re-attach with WatchAnalysis and lose nothing. On shutdown, no new analysis
/// starts; running ones get SHUTDOWN_GRACE_SECONDS to reach their next stage boundary (after its
/// checkpoint), then are cancelled. Either way their jobs stay unfinished in the store and resume at the next start.
/// </summary>
public sealed partial class AnalysisRunner : IHostedService, IDisposable
{
    private readonly AnalysisPipeline _pipeline;
    private readonly AnalysisFeed _feed;
    private readonly IJobStore _jobs;
    private readonly JobOptions _options;
    private readonly ILogger<AnalysisRunner> _logger;
    private readonly Telemetry.AnalysisMetrics _metrics;
    private readonly CancellationTokenSource _draining = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);

    public AnalysisRunner(AnalysisPipeline pipeline, AnalysisFeed feed, IJobStore jobs, IOptions<JobOptions> options, ILogger<AnalysisRunner> logger, Telemetry.AnalysisMetrics metrics)
    {
        _metrics = metrics;
        _pipeline = pipeline;
        _feed = feed;
        _jobs = jobs;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Analyses running in this process now.</summary>
    public int RunningCount => _running.Count;

    /// <summary>Completes when the analysis's run in this process has ended (stored its end, or suspended); at once when none runs.</summary>
    public Task WhenEnded(string analysisId) => _running.TryGetValue(analysisId, out var task) ? task : Task.CompletedTask;

    /// <summary>Starts a prepared, stored analysis; its events go to the feed under its analysis id.</summary>
    /// <param name="state">The prepared analysis (its job is already in the store).</param>
    /// <param name="admission">The admission lease (memory + slot), released when the analysis ends, however it ends.</param>
    /// <param name="resumeFrom">The last event an earlier run stored, for a resumed analysis.</param>
    /// <param name="acceptedBy">The call that accepted the analysis: the analysis's span links to it.</param>
    /// <exception cref="ServerStoppingException">The server is stopping.</exception>
    public string Start(AnalysisState state, IDisposable? admission = null, JobEvent? resumeFrom = null, ActivityContext? acceptedBy = null)
    {
        if (_draining.IsCancellationRequested)
        {
            throw new ServerStoppingException();
        }

        var sink = _feed.Open(state.AnalysisId);
        if (resumeFrom is null)
        {
            _metrics.Started();
        }

        var run = new RunContext(resumeFrom?.Sequence ?? 0, resumeFrom?.Progress?.Percent ?? 0, _draining.Token);
        var link = acceptedBy ?? Activity.Current?.Context;
        var task = Task.Run(async () =>
        {
            // Its own trace, linked to the call that accepted it: the analysis outlives that call.
            Activity.Current = null;
            using var span = MedicalImagingTelemetry.ActivitySource.StartActivity(
                "analysis", ActivityKind.Internal, default(ActivityContext), links: link is { } l && l != default ? [new ActivityLink(l)] : null);
            span?.SetTag("medimaging.analysis_id", state.AnalysisId);
            span?.SetTag("medimaging.resumed", run.Resumed);
            Exception? failure = null;
            var suspended = false;
            var superseded = false;
            try
            {
                await _jobs.SetStateAsync(state.AnalysisId, JobState.Running, null, CancellationToken.None);
                await _pipeline.RunAsync(state, sink, _stopping.Token, run);
            }
            catch (Exception ex) when (_draining.IsCancellationRequested && ex is ServerStoppingException or OperationCanceledException)
            {
                suspended = true;
            }
            catch (JobSequenceConflictException)
            {
                // Another worker appended this analysis's next event (a cluster replica that took it over after this
                // one was cut off): that run owns it now; ending it here would fail the analysis it is finishing.
                superseded = true;
                LogSuperseded(state.AnalysisId);
            }
            catch (Exception ex)
            {
                if (ex is not (InvalidRequestException or CapacityExceededException or ResourceNotFoundException or OperationCanceledException or Providers.Chain.ProvidersUnavailableException))
                {
                    LogFailed(ex, state.AnalysisId);
                }

                failure = ex;
            }
            finally
            {
                // Before the feed ends: a client that sends its next analysis on seeing this one end finds the slot free.
                admission?.Dispose();
            }

            try
            {
                if (superseded)
                {
                    span?.SetStatus(ActivityStatusCode.Unset, "superseded by another worker");
                }
                else if (suspended)
                {
                    await _jobs.SetStateAsync(state.AnalysisId, JobState.Queued, null, CancellationToken.None);
                    LogSuspended(state.AnalysisId);
                    span?.SetStatus(ActivityStatusCode.Unset, "suspended for shutdown");
                }
                else
                {
                    _metrics.Ended(state, failure);
                    await _feed.EndAsync(state.AnalysisId, failure);
                    span?.SetStatus(failure is null ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
                }
            }
            catch (Exception ex)
            {
                LogStateNotStored(ex, state.AnalysisId);
            }

            _running.TryRemove(state.AnalysisId, out _);
        });
        _running[state.AnalysisId] = task;
        return state.AnalysisId;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _draining.CancelAsync();
        var running = Task.WhenAll(_running.Values);
        if (!running.IsCompleted)
        {
            LogDraining(_running.Count, _options.ShutdownGraceSeconds);
            await running.WaitAsync(_options.ShutdownGrace, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        // Past the grace: cancel what still runs; it resumes from its last checkpoint at the next start.
        await _stopping.CancelAsync();
        await running.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose()
    {
        _draining.Dispose();
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Analysis {AnalysisId} failed unexpectedly")]
    private partial void LogFailed(Exception exception, string analysisId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutting down: waiting up to {GraceSeconds} s for {Count} running analyses to reach a checkpoint")]
    private partial void LogDraining(int count, int graceSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Analysis {AnalysisId} stopped for shutdown; it resumes from its last checkpoint at the next start")]
    private partial void LogSuspended(string analysisId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Analysis {AnalysisId} stopped here: another worker appended its next event and carries it on")]
    private partial void LogSuperseded(string analysisId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The end of analysis {AnalysisId} could not be stored; it resumes at the next start")]
    private partial void LogStateNotStored(Exception exception, string analysisId);
}
