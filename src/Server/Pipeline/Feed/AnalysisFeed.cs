using System.Runtime.CompilerServices;
using MedicalImaging.Server.Common;
using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Pipeline.Jobs;
using MedicalImaging.Server.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Pipeline.Feed;

/// <summary>
/// The feed of every analysis, shared by Analyze, WatchAnalysis (and its REST events route) and the WebSocket
/// shim. Events live in the job store: a watcher replays what was stored, then follows live (woken in-process,
/// re-reading the store), so there is no gap and no duplicate sequence number — also across a restart, since
/// a resumed analysis numbers on from its last stored event. Finished analyses stay watchable for
/// ANALYSIS_RETENTION_MINUTES.
/// </summary>
public sealed class AnalysisFeed
{
    /// <summary>Events read from the store at a time.</summary>
    private const int Page = 256;

    /// <summary>How often a waiting watcher re-reads the store even without a wake-up (a job another process runs).</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);

    private readonly IJobStore _store;
    private readonly IReportRepository _reports;
    private readonly JobSignals _signals = new();
    private readonly TimeProvider _time;
    private readonly CancellationToken _stopping;

    public AnalysisFeed(IJobStore store, IReportRepository reports, IOptions<JobOptions> options, TimeProvider time, IHostApplicationLifetime lifetime)
    {
        _store = store;
        _reports = reports;
        _time = time;
        Retention = options.Value.Retention;
        _stopping = lifetime.ApplicationStopping;
    }

    /// <summary>How long a finished analysis stays watchable.</summary>
    public TimeSpan Retention { get; }

    /// <summary>The sink an analysis's runner publishes to: each event is stored, then watchers are woken.</summary>
    public IProgressSink Open(string analysisId) => new StoreSink(this, analysisId);

    /// <summary>Wakes this process's watchers of the analysis: its log or state changed elsewhere (another replica wrote it).</summary>
    public void Wake(string analysisId) => _signals.Notify(analysisId);

    /// <summary>Marks the analysis finished, successfully or not (a stopped analysis is not ended: it resumes).</summary>
    public async Task EndAsync(string analysisId, Exception? error)
    {
        await _store.SetStateAsync(analysisId, error is null ? JobState.Succeeded : JobState.Failed, error is null ? null : JobFailure.From(error), CancellationToken.None);
        _signals.Forget(analysisId);
    }

    /// <summary>
    /// The analysis's events after <paramref name="afterSequence"/>, then live ones until it ends; a failed
    /// analysis re-throws its error at the end. Someone else's or unknown analysis → NOT_FOUND. A stopping
    /// server ends the watch with <see cref="ServerStoppingException"/> (UNAVAILABLE: re-attach).
    /// </summary>
    public async IAsyncEnumerable<AnalysisEvent> WatchAsync(string ownerId, string analysisId, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var job = await _store.GetAsync(analysisId, cancellationToken);
        if (job is null || job.OwnerId != ownerId)
        {
            throw new ResourceNotFoundException($"Analysis {analysisId} was not found (finished analyses stay watchable for {Retention.TotalMinutes:0} minutes).");
        }

        var last = afterSequence;
        while (true)
        {
            // Taken before reading: a pulse fired after the read completes this task.
            var changed = _signals.Next(analysisId);
            job = await _store.GetAsync(analysisId, cancellationToken) ?? job;
            var events = await _store.ReadEventsAsync(analysisId, last, Page, cancellationToken);
            foreach (var stored in events)
            {
                last = stored.Sequence;
                yield return await ToDomainAsync(job, stored, cancellationToken);
            }

            if (events.Count > 0)
            {
                continue;
            }

            // The state was read before the events: a finished job's events were all read.
            if (job.IsFinished)
            {
                // No pulse is coming for a finished analysis: drop the one this watch created.
                _signals.Forget(analysisId);
                if (job.State == JobState.Failed)
                {
                    throw (job.Failure ?? new JobFailure(13, "The analysis failed.")).ToException();
                }

                yield break;
            }

            if (_stopping.IsCancellationRequested)
            {
                throw new ServerStoppingException();
            }

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping);
            try
            {
                await changed.WaitAsync(Poll, _time, linked.Token);
            }
            catch (TimeoutException)
            {
                // Read the store again.
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                throw new ServerStoppingException();
            }
        }
    }

    private async Task<AnalysisEvent> ToDomainAsync(JobRecord job, JobEvent stored, CancellationToken cancellationToken)
    {
        if (stored.Outcome is not { } outcome)
        {
            return new AnalysisEvent(job.AnalysisId, stored.Sequence, stored.Progress, null);
        }

        var report = await _reports.GetAsync(job.OwnerId, outcome.ReportId, cancellationToken)
            ?? throw new ResourceNotFoundException($"The report {outcome.ReportId} of analysis {job.AnalysisId} was deleted.");
        return new AnalysisEvent(job.AnalysisId, stored.Sequence, null, new AnalysisOutcome(report, outcome.Cached, outcome.Degraded));
    }

    private async ValueTask AppendAsync(string analysisId, AnalysisEvent analysisEvent)
    {
        var outcome = analysisEvent.Outcome is { } o ? new JobOutcome(o.Report.Id, o.Cached, o.Degraded) : null;
        // Not cancelled: an event is either stored whole or the analysis stops before it; a half-told log helps no one.
        await _store.AppendEventAsync(analysisId, new JobEvent(analysisEvent.Sequence, analysisEvent.Progress, outcome), CancellationToken.None);
        _signals.Notify(analysisId);
    }

    private sealed class StoreSink(AnalysisFeed feed, string analysisId) : IProgressSink
    {
        public ValueTask PublishAsync(AnalysisEvent analysisEvent, CancellationToken cancellationToken) => feed.AppendAsync(analysisId, analysisEvent);
    }
}
