namespace MedicalImaging.Server.Pipeline;

/// <summary>Receives an analysis's events in order (the gRPC stream, a watcher feed…).</summary>
public interface IProgressSink
{
    /// <summary>Delivers one event.</summary>
    ValueTask PublishAsync(AnalysisEvent analysisEvent, CancellationToken cancellationToken);
}
