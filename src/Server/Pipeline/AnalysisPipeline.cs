using System.Diagnostics;
using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Pipeline.Jobs;
using MedicalImaging.Server.Pipeline.Jobs.Checkpoints;
using MedicalImaging.Server.Telemetry;
using MedicalImaging.Server.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Pipeline;

/// <summary>
/// Runs an analysis: validate (before anything is streamed) → cache check → decode → de-identify →
/// preprocess → quantitative + heatmap → vision → report → embed → store → result. The output of each costly
/// stage is checkpointed in the job store; a resumed analysis restores it instead of running the stage again.
/// </summary>
public sealed partial class AnalysisPipeline
{
    private readonly AnalysisPreparer _preparer;
    private readonly IReadOnlyList<IAnalysisStage> _stages;
    private readonly IReportRepository _repository;
    private readonly IJobStore _jobs;
    private readonly Dictionary<PipelineStage, IStageCheckpoint> _checkpoints;
    private readonly MedicalImagingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AnalysisPipeline> _logger;

    public AnalysisPipeline(
        AnalysisPreparer preparer,
        IEnumerable<IAnalysisStage> stages,
        IReportRepository repository,
        IJobStore jobs,
        IEnumerable<IStageCheckpoint> checkpoints,
        IOptions<MedicalImagingOptions> options,
        TimeProvider time,
        ILogger<AnalysisPipeline> logger)
    {
        _preparer = preparer;
        _stages = stages.OrderBy(s => s.Stage).ToList();
        _repository = repository;
        _jobs = jobs;
        _checkpoints = checkpoints.ToDictionary(c => c.Stage);
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Validates the request; throws <see cref="Domain.InvalidRequestException"/> before any event is sent.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the preparation.</param>
    /// <param name="analysisId">The id of a stored analysis being resumed; null for a new one.</param>
    public Task<AnalysisState> PrepareAsync(AnalysisRequest request, CancellationToken cancellationToken, string? analysisId = null) =>
        _preparer.PrepareAsync(request, cancellationToken, analysisId);

    /// <summary>Runs a prepared analysis, publishing progress and, last, the outcome.</summary>
    /// <param name="state">The prepared analysis.</param>
    /// <param name="sink">Where its events go.</param>
    /// <param name="cancellationToken">Cancels the run at once (the analysis resumes from its last checkpoint).</param>
    /// <param name="run">Where an earlier run stopped, and the server's drain signal; null for a new analysis.</param>
    /// <exception cref="ServerStoppingException">The server is stopping: the run ended at a stage boundary.</exception>
    public async Task<AnalysisOutcome> RunAsync(AnalysisState state, IProgressSink sink, CancellationToken cancellationToken, RunContext? run = null)
    {
        run ??= new RunContext();
        var progress = new ProgressReporter(state.AnalysisId, sink, run.LastSequence, run.LastPercent);
        var started = Stopwatch.GetTimestamp();
        await progress.ReportAsync(PipelineStage.Validate, 5,
            run.Resumed ? $"Resumed after a restart with {state.Images.Count} image(s)" : $"Accepted {state.Images.Count} image(s)", cancellationToken);

        if (!run.Resumed && !state.Request.Settings.SkipCache && _options.CacheTtlMinutes > 0)
        {
            var notBefore = _time.GetUtcNow().AddMinutes(-_options.CacheTtlMinutes);
            var cached = await _repository.FindCachedAsync(state.Request.OwnerId, state.CacheKey, notBefore, cancellationToken);
            if (cached is not null)
            {
                LogCacheHit(state.AnalysisId, cached.Id);
                var hit = new AnalysisOutcome(cached, Cached: true, cached.Provenance.Degraded);
                await progress.ReportAsync(PipelineStage.Complete, 100, $"Identical analysis found in the cache (report {cached.Id})", cancellationToken);
                await progress.CompleteAsync(hit, cancellationToken);
                return hit;
            }
        }

        foreach (var stage in _stages)
        {
            if (run.Drain.IsCancellationRequested)
            {
                throw new ServerStoppingException();
            }

            var name = stage.Stage.ToString().ToLowerInvariant();
            using var span = MedicalImagingTelemetry.ActivitySource.StartActivity("stage " + name);
            span?.SetTag("medimaging.analysis_id", state.AnalysisId);
            span?.SetTag("medimaging.stage", name);
            var stageStarted = Stopwatch.GetTimestamp();
            // A new analysis has no checkpoints to look for (every checkpoint follows its run's first event).
            var restored = run.Resumed && await TryRestoreAsync(stage, state, progress, cancellationToken);
            span?.SetTag("medimaging.resumed_from_checkpoint", restored);
            if (!restored)
            {
                await stage.RunAsync(state, progress, cancellationToken);
                if (_checkpoints.TryGetValue(stage.Stage, out var checkpoint))
                {
                    await _jobs.PutCheckpointAsync(state.AnalysisId, name, checkpoint.Capture(state), CancellationToken.None);
                }
            }

            state.StageMillis[name] = Stopwatch.GetElapsedTime(stageStarted).TotalMilliseconds;
        }

        var report = state.Report ?? throw new InvalidOperationException("The pipeline finished without a report.");
        var outcome = new AnalysisOutcome(report, Cached: false, report.Provenance.Degraded);
        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogCompleted(state.AnalysisId, report.Id, state.Images.Count, elapsedMs);
        await progress.ReportAsync(PipelineStage.Complete, 100, "Analysis complete", cancellationToken);
        await progress.CompleteAsync(outcome, cancellationToken);
        return outcome;
    }

    /// <summary>Restores the stage's checkpoint when an earlier run of the analysis stored one.</summary>
    private async Task<bool> TryRestoreAsync(IAnalysisStage stage, AnalysisState state, ProgressReporter progress, CancellationToken cancellationToken)
    {
        if (!_checkpoints.TryGetValue(stage.Stage, out var checkpoint))
        {
            return false;
        }

        var name = stage.Stage.ToString().ToLowerInvariant();
        if (await _jobs.GetCheckpointAsync(state.AnalysisId, name, cancellationToken) is not { } stored)
        {
            return false;
        }

        checkpoint.Restore(state, stored);
        LogRestored(state.AnalysisId, name);
        await progress.ReportAsync(stage.Stage, stage.DonePercent, $"{stage.Stage} result restored from the checkpoint of an earlier run", cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Analysis {AnalysisId}: stage {Stage} restored from its checkpoint")]
    private partial void LogRestored(string analysisId, string stage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Analysis {AnalysisId} answered from cache with report {ReportId}")]
    private partial void LogCacheHit(string analysisId, string reportId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Analysis {AnalysisId} produced report {ReportId} from {ImageCount} image(s) in {ElapsedMs:F1} ms")]
    private partial void LogCompleted(string analysisId, string reportId, int imageCount, double elapsedMs);
}
