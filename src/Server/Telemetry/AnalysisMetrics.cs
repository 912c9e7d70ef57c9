using System.Diagnostics.Metrics;
using MedicalImaging.Server.Domain;

namespace MedicalImaging.Server.Telemetry;

/// <summary>
/// The analysis counters and histograms, on the "MedicalImaging" meter. The runner calls <see cref="Started"/> and
/// <see cref="Ended"/>; stage durations and provider outcomes are read from the finished analysis's state once, so no
/// stage or provider code carries metric calls. Tags are bounded sets (stage, provider, outcome, reason): never ids.
/// </summary>
public sealed class AnalysisMetrics
{
    private readonly Counter<long> _started;
    private readonly Counter<long> _completed;
    private readonly Counter<long> _failed;
    private readonly Histogram<double> _stageDuration;
    private readonly Counter<long> _providerAttempts;

    public AnalysisMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MedicalImagingTelemetry.SourceName);
        _started = meter.CreateCounter<long>("medimaging.analyses.started", "{analysis}", "Analyses admitted and started");
        _completed = meter.CreateCounter<long>("medimaging.analyses.completed", "{analysis}", "Analyses that produced a result (cache hits included)");
        _failed = meter.CreateCounter<long>("medimaging.analyses.failed", "{analysis}", "Analyses that ended without a result, by reason");
        _stageDuration = meter.CreateHistogram<double>("medimaging.analysis.stage.duration", "s", "Time spent in each pipeline stage",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120] });
        _providerAttempts = meter.CreateCounter<long>("medimaging.provider.attempts", "{attempt}", "Calls to AI providers, by provider, purpose and outcome");
    }

    /// <summary>An analysis was started.</summary>
    public void Started() => _started.Add(1);

    /// <summary>An analysis ended: its outcome, the time its stages took and what each provider attempt came to.</summary>
    /// <param name="stageMillis">Time spent in each stage that ran.</param>
    /// <param name="attempts">The provider calls made: the report's provenance holds every attempt (vision and report
    /// writing); before a report exists, the vision stage's.</param>
    /// <param name="failure">Why the analysis ended without a result; null when it produced one.</param>
    public void Ended(IEnumerable<KeyValuePair<string, double>> stageMillis, IReadOnlyList<ProviderAttemptRecord> attempts, Exception? failure)
    {
        ArgumentNullException.ThrowIfNull(stageMillis);
        ArgumentNullException.ThrowIfNull(attempts);
        if (failure is null)
        {
            _completed.Add(1);
        }
        else
        {
            _failed.Add(1, new KeyValuePair<string, object?>("reason", Reason(failure)));
        }

        foreach (var (stage, millis) in stageMillis)
        {
            _stageDuration.Record(millis / 1000.0, new KeyValuePair<string, object?>("stage", stage));
        }

        foreach (var attempt in attempts)
        {
            _providerAttempts.Add(1,
                new KeyValuePair<string, object?>("provider", attempt.Provider),
                new KeyValuePair<string, object?>("purpose", attempt.Purpose),
                new KeyValuePair<string, object?>("outcome", attempt.Outcome));
        }
    }

    private static string Reason(Exception failure) => failure switch
    {
        OperationCanceledException => "cancelled",
        InvalidRequestException => "invalid_request",
        ResourceNotFoundException => "not_found",
        CapacityExceededException => "capacity",
        ProvidersUnavailableException => "providers_unavailable",
        _ => "internal",
    };
}
