namespace MedicalImaging.Server.Pipeline.Jobs;

/// <summary>One durable analysis as stored: who asked for what, and where it stands.</summary>
/// <param name="AnalysisId">The analysis id (ana_…): the idempotency key of its report.</param>
/// <param name="OwnerId">The user who asked.</param>
/// <param name="RequestId">The client's request id (retries of the same Analyze share it), or null.</param>
/// <param name="CaseId">The caller's case id, or null.</param>
/// <param name="Request">The request with every image as an image-store id (never image bytes).</param>
/// <param name="State">Where it stands.</param>
/// <param name="CreatedAt">When it was accepted.</param>
/// <param name="FinishedAt">When it succeeded or failed; null while unfinished.</param>
/// <param name="Failure">Why it failed, when it did.</param>
/// <param name="ClaimedBy">The worker (server process) running it: set when accepted, and when claimed to resume.</param>
public sealed record JobRecord(
    string AnalysisId,
    string OwnerId,
    string? RequestId,
    string? CaseId,
    StoredJobRequest Request,
    JobState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt = null,
    JobFailure? Failure = null,
    string? ClaimedBy = null)
{
    /// <summary>True once succeeded or failed.</summary>
    public bool IsFinished => State is JobState.Succeeded or JobState.Failed;
}
