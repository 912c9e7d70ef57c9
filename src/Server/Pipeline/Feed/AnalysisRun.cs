namespace MedicalImaging.Server.Pipeline.Feed;

/// <summary>
/// The event log of one analysis: events in order, then an end (success or failure). Watchers replay
/// what happened and then wait for more.
/// </summary>
internal sealed class AnalysisRun
{
    private readonly Lock _lock = new();
    private readonly List<AnalysisEvent> _events = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public AnalysisRun(string analysisId, string ownerId)
    {
        AnalysisId = analysisId;
        OwnerId = ownerId;
    }

    public string AnalysisId { get; }

    public string OwnerId { get; }

    public bool Ended { get; private set; }

    public AnalysisFailure? Failure { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public void Append(AnalysisEvent analysisEvent)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            _events.Add(analysisEvent);
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    public void End(AnalysisFailure? failure, DateTimeOffset at)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            Ended = true;
            Failure = failure;
            EndedAt = at;
            changed = _changed;
        }

        changed.TrySetResult();
    }

    /// <summary>Events after <paramref name="afterSequence"/>, whether the run has ended, and a task that completes on the next change.</summary>
    public (List<AnalysisEvent> Events, bool Ended, Task Changed) Snapshot(long afterSequence)
    {
        lock (_lock)
        {
            return (_events.Where(e => e.Sequence > afterSequence).ToList(), Ended, _changed.Task);
        }
    }
}
