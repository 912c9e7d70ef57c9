using System.Collections.Concurrent;

namespace MedicalImaging.Server.Pipeline.Feed;

/// <summary>
/// In-process wake-ups for watchers of an analysis: its runner pulses after each stored event, a watcher
/// takes the pulse task before reading the store, so no event can slip between its read and its wait.
/// </summary>
internal sealed class JobSignals
{
    private readonly ConcurrentDictionary<string, Pulse> _pulses = new(StringComparer.Ordinal);

    /// <summary>A task that completes at the next pulse of the analysis.</summary>
    public Task Next(string analysisId) => _pulses.GetOrAdd(analysisId, _ => new Pulse()).Next;

    /// <summary>Wakes the analysis's watchers.</summary>
    public void Notify(string analysisId)
    {
        if (_pulses.TryGetValue(analysisId, out var pulse))
        {
            pulse.Fire();
        }
    }

    /// <summary>Wakes the watchers a last time and forgets the analysis (it ended).</summary>
    public void Forget(string analysisId)
    {
        if (_pulses.TryRemove(analysisId, out var pulse))
        {
            pulse.Fire();
        }
    }

    private sealed class Pulse
    {
        private readonly Lock _lock = new();
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Next
        {
            get
            {
                lock (_lock)
                {
                    return _next.Task;
                }
            }
        }

        public void Fire()
        {
            TaskCompletionSource fired;
            lock (_lock)
            {
                fired = _next;
                _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            fired.TrySetResult();
        }
    }
}
