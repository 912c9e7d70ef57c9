namespace MedicalImaging.Client;

/// <summary>One event of an analysis: progress, or (last) the result.</summary>
/// <param name="AnalysisId">The analysis (also the WebSocket case id).</param>
/// <param name="Sequence">Event number from 1.</param>
/// <param name="Progress">A progress step, or null on the result.</param>
/// <param name="Result">The result, on the last event.</param>
public sealed record AnalysisUpdate(string AnalysisId, long Sequence, AnalysisProgress? Progress, AnalysisResult? Result);
