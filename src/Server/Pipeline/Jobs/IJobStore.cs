namespace MedicalImaging.Server.Pipeline.Jobs;

/// <summary>
/// Durable analyses: the accepted request, its state, its numbered progress events and the checkpoints of its
/// costly stages. Shaped so a log-based store can implement it as well as SQLite does: events are appended
/// with the sequence the writer expects (optimistic concurrency, as a JetStream publish with an expected last
/// subject sequence), read after a sequence, checkpoints are keyed values per analysis (a KV bucket), and
/// unfinished jobs are claimed by a worker (a work-queue consumer).
/// </summary>
public interface IJobStore
{
    /// <summary>
    /// Stores a new job, or — when the owner already has a job with the same request id — returns that one
    /// instead (the client's retry of the same Analyze). Created says which.
    /// </summary>
    Task<(JobRecord Job, bool Created)> CreateOrGetAsync(JobRecord job, CancellationToken cancellationToken);

    /// <summary>The job, or null when unknown (or swept after retention).</summary>
    Task<JobRecord?> GetAsync(string analysisId, CancellationToken cancellationToken);

    /// <summary>The owner's job with this client request id, or null.</summary>
    Task<JobRecord?> FindByRequestIdAsync(string ownerId, string requestId, CancellationToken cancellationToken);

    /// <summary>
    /// Appends one event whose sequence must be exactly one more than the last stored one.
    /// </summary>
    /// <exception cref="JobSequenceConflictException">Another writer appended first, or the sequence is not the next one.</exception>
    Task AppendEventAsync(string analysisId, JobEvent jobEvent, CancellationToken cancellationToken);

    /// <summary>Events with a sequence above <paramref name="afterSequence"/>, in order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<JobEvent>> ReadEventsAsync(string analysisId, long afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>The last stored event, or null when none was.</summary>
    Task<JobEvent?> ReadLastEventAsync(string analysisId, CancellationToken cancellationToken);

    /// <summary>Stores (or replaces) a stage's checkpoint.</summary>
    Task PutCheckpointAsync(string analysisId, string key, string value, CancellationToken cancellationToken);

    /// <summary>A stage's checkpoint, or null.</summary>
    Task<string?> GetCheckpointAsync(string analysisId, string key, CancellationToken cancellationToken);

    /// <summary>Moves the job to <paramref name="state"/>; a finished state records when (and, failed, why).</summary>
    Task SetStateAsync(string analysisId, JobState state, JobFailure? failure, CancellationToken cancellationToken);

    /// <summary>
    /// Takes every unfinished job another worker (an earlier process) held, for <paramref name="workerId"/> to
    /// resume; jobs this worker accepted itself are not returned (they are running here already).
    /// </summary>
    Task<IReadOnlyList<JobRecord>> ClaimUnfinishedAsync(string workerId, CancellationToken cancellationToken);

    /// <summary>Deletes jobs that finished before <paramref name="cutoff"/>, with their events and checkpoints. Returns how many.</summary>
    Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
