using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using MedicalImaging.Server.Common;

namespace MedicalImaging.Server.Pipeline.Feed;

/// <summary>
/// The live feed of every analysis, shared by Analyze, WatchAnalysis and the WebSocket shim: replay
/// what happened so far, then follow live, without gaps or duplicates (events carry sequence
/// numbers). Ended runs stay re-attachable for <see cref="Retention"/>.
/// </summary>
public sealed class AnalysisFeed
{
    /// <summary>How long a finished analysis stays watchable.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(30);

    private readonly ConcurrentDictionary<string, AnalysisRun> _runs = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public AnalysisFeed(TimeProvider time) => _time = time;

    /// <summary>Starts the log of a new analysis.</summary>
    public IProgressSink Open(string analysisId, string ownerId)
    {
        Sweep();
        var run = new AnalysisRun(analysisId, ownerId);
        _runs[analysisId] = run;
        return new RunSink(run);
    }

    /// <summary>Marks the analysis ended, successfully or not.</summary>
    public void End(string analysisId, Exception? error)
    {
        if (_runs.TryGetValue(analysisId, out var run))
        {
            run.End(error is null ? null : new AnalysisFailure(error), _time.GetUtcNow());
        }
    }

    /// <summary>
    /// The analysis's events after <paramref name="afterSequence"/>, then live ones until it ends; a failed
    /// analysis re-throws its error at the end. Someone else's or unknown analysis → NOT_FOUND.
    /// </summary>
    public async IAsyncEnumerable<AnalysisEvent> WatchAsync(string ownerId, string analysisId, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!_runs.TryGetValue(analysisId, out var run) || run.OwnerId != ownerId)
        {
            throw new ResourceNotFoundException($"Analysis {analysisId} was not found (finished analyses stay watchable for {Retention.TotalMinutes:0} minutes).");
        }

        var last = afterSequence;
        while (true)
        {
            var (events, ended, changed) = run.Snapshot(last);
            foreach (var analysisEvent in events)
            {
                last = analysisEvent.Sequence;
                yield return analysisEvent;
            }

            if (ended)
            {
                if (run.Failure is { } failure)
                {
                    throw failure.Error;
                }

                yield break;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    private void Sweep()
    {
        var cutoff = _time.GetUtcNow() - Retention;
        foreach (var (id, run) in _runs)
        {
            if (run.EndedAt is { } ended && ended < cutoff)
            {
                _runs.TryRemove(id, out _);
            }
        }
    }

    private sealed class RunSink(AnalysisRun run) : IProgressSink
    {
        public ValueTask PublishAsync(AnalysisEvent analysisEvent, CancellationToken cancellationToken)
        {
            run.Append(analysisEvent);
            return ValueTask.CompletedTask;
        }
    }
}
