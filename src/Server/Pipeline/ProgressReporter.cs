namespace MedicalImaging.Server.Pipeline;

/// <summary>Numbers events and keeps the percent from ever going down.</summary>
public sealed class ProgressReporter
{
    private readonly IProgressSink _sink;
    private long _sequence;
    private int _percent;

    public ProgressReporter(string analysisId, IProgressSink sink)
        : this(analysisId, sink, 0, 0)
    {
    }

    /// <summary>A reporter that numbers on from an earlier run's last event (a resumed analysis).</summary>
    public ProgressReporter(string analysisId, IProgressSink sink, long lastSequence, int lastPercent)
    {
        AnalysisId = analysisId;
        _sink = sink;
        _sequence = lastSequence;
        _percent = lastPercent;
    }

    public string AnalysisId { get; }

    public ValueTask ReportAsync(PipelineStage stage, int percent, string message, CancellationToken cancellationToken, int imageIndex = -1, string? provider = null)
    {
        _percent = Math.Clamp(Math.Max(_percent, percent), 0, 100);
        var progress = new ProgressInfo(stage, _percent, message, imageIndex, provider);
        return _sink.PublishAsync(new AnalysisEvent(AnalysisId, ++_sequence, progress, null), cancellationToken);
    }

    public ValueTask CompleteAsync(AnalysisOutcome outcome, CancellationToken cancellationToken) =>
        _sink.PublishAsync(new AnalysisEvent(AnalysisId, ++_sequence, null, outcome), cancellationToken);
}
