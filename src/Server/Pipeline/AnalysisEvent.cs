namespace MedicalImaging.Server.Pipeline;

/// <summary>One event of an analysis feed: progress, or (last) the outcome.</summary>
public sealed record AnalysisEvent(string AnalysisId, long Sequence, ProgressInfo? Progress, AnalysisOutcome? Outcome);
