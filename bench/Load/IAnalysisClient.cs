namespace MedicalImaging.Load;

/// <summary>One way of running an analysis to its result (REST NDJSON or gRPC through the SDK).</summary>
internal interface IAnalysisClient : IDisposable
{
    /// <summary>Runs one analysis; true when its stream ended with a result, false (with the reason) otherwise.</summary>
    Task<(bool Ok, string? Error)> AnalyzeAsync(CancellationToken cancellationToken);

    /// <summary>The server's per-stage times of the results read so far (REST only; empty for gRPC).</summary>
    StageTimes Stages { get; }
}
