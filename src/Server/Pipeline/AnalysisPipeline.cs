using System.Diagnostics;
using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Pipeline;

/// <summary>
/// Runs an analysis: validate (before anything is streamed) → cache check → decode → de-identify →
/// preprocess → quantitative + heatmap → vision → report → embed → store → result.
/// </summary>
public sealed partial class AnalysisPipeline
{
    private readonly AnalysisPreparer _preparer;
    private readonly IReadOnlyList<IAnalysisStage> _stages;
    private readonly IReportRepository _repository;
    private readonly MedicalImagingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AnalysisPipeline> _logger;

    public AnalysisPipeline(
        AnalysisPreparer preparer,
        IEnumerable<IAnalysisStage> stages,
        IReportRepository repository,
        IOptions<MedicalImagingOptions> options,
        TimeProvider time,
        ILogger<AnalysisPipeline> logger)
    {
        _preparer = preparer;
        _stages = stages.OrderBy(s => s.Stage).ToList();
        _repository = repository;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Validates the request; throws <see cref="Common.InvalidRequestException"/> before any event is sent.</summary>
    public Task<AnalysisState> PrepareAsync(AnalysisRequest request, CancellationToken cancellationToken) =>
        _preparer.PrepareAsync(request, cancellationToken);

    /// <summary>Runs a prepared analysis, publishing progress and, last, the outcome.</summary>
    public async Task<AnalysisOutcome> RunAsync(AnalysisState state, IProgressSink sink, CancellationToken cancellationToken)
    {
        var progress = new ProgressReporter(state.AnalysisId, sink);
        var started = Stopwatch.GetTimestamp();
        await progress.ReportAsync(PipelineStage.Validate, 5, $"Accepted {state.Images.Count} image(s)", cancellationToken);

        if (!state.Request.Settings.SkipCache && _options.CacheTtlMinutes > 0)
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
            var stageStarted = Stopwatch.GetTimestamp();
            await stage.RunAsync(state, progress, cancellationToken);
            state.StageMillis[stage.Stage.ToString().ToLowerInvariant()] = Stopwatch.GetElapsedTime(stageStarted).TotalMilliseconds;
        }

        var report = state.Report ?? throw new InvalidOperationException("The pipeline finished without a report.");
        var outcome = new AnalysisOutcome(report, Cached: false, report.Provenance.Degraded);
        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogCompleted(state.AnalysisId, report.Id, state.Images.Count, elapsedMs);
        await progress.ReportAsync(PipelineStage.Complete, 100, "Analysis complete", cancellationToken);
        await progress.CompleteAsync(outcome, cancellationToken);
        return outcome;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Analysis {AnalysisId} answered from cache with report {ReportId}")]
    private partial void LogCacheHit(string analysisId, string reportId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Analysis {AnalysisId} produced report {ReportId} from {ImageCount} image(s) in {ElapsedMs:F1} ms")]
    private partial void LogCompleted(string analysisId, string reportId, int imageCount, double elapsedMs);
}
