namespace MedicalImaging.Server.Pipeline.Jobs;

/// <summary>
/// One stored event of an analysis: a progress step, or (last) the outcome by report id — the report itself
/// lives in the report store, so the log never holds a second copy of it.
/// </summary>
/// <param name="Sequence">1, 2, 3… without gaps, across restarts.</param>
/// <param name="Progress">The progress step, or null.</param>
/// <param name="Outcome">The outcome, or null.</param>
public sealed record JobEvent(long Sequence, ProgressInfo? Progress, JobOutcome? Outcome);
