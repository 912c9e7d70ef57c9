using System.Collections.Concurrent;
using System.Text.Json;
using MedicalImaging.Server.Pipeline.Jobs;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Client.KeyValueStore;

namespace MedicalImaging.Server.Cluster;

/// <summary>
/// The job store every replica shares, on JetStream: job records and the request-id index in a KV bucket,
/// each analysis's events on its own subject of one stream (appended with the expected last subject sequence,
/// so two writers can never both append event n: no gap, no duplicate, the same numbers on every replica),
/// stage checkpoints in a KV bucket. Unfinished jobs are not claimed here: the work queue redelivers them.
/// </summary>
public sealed class NatsJobStore : IJobStore
{
    /// <summary>JetStream's "wrong last sequence" error (JSStreamWrongLastSequenceErrF).</summary>
    private const int WrongLastSequence = 10071;

    /// <summary>JetStream's "no message found" error (JSNoMessageFoundErr).</summary>
    private const int NoMessageFound = 10037;

    /// <summary>Past this many analyses the read positions are forgotten (they are only a shortcut).</summary>
    private const int MaxCachedPositions = 10_000;

    private const string JobPrefix = "job.";
    private const string RequestPrefix = "req.";

    private readonly ClusterLayout _layout;
    private readonly INatsJSContext _js;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, EventPositions> _positions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (long Sequence, ulong StreamSequence)> _tails = new(StringComparer.Ordinal);

    public NatsJobStore(ClusterLayout layout, INatsJSContext js, TimeProvider time)
    {
        _layout = layout;
        _js = js;
        _time = time;
    }

    public async Task<(JobRecord Job, bool Created)> CreateOrGetAsync(JobRecord job, CancellationToken cancellationToken)
    {
        var handles = await _layout.ReadyAsync(cancellationToken);
        try
        {
            await handles.JobRecords.CreateAsync(JobPrefix + job.AnalysisId, Serialize(job), cancellationToken: cancellationToken);
        }
        catch (NatsKVCreateException)
        {
            throw new InvalidOperationException($"Analysis {job.AnalysisId} is already stored.");
        }

        if (job.RequestId is null)
        {
            return (job, true);
        }

        // The job first, then its request id: whoever creates the request key won, and its job already exists.
        try
        {
            await handles.JobRecords.CreateAsync(RequestKey(job.OwnerId, job.RequestId), System.Text.Encoding.UTF8.GetBytes(job.AnalysisId), cancellationToken: cancellationToken);
            return (job, true);
        }
        catch (NatsKVCreateException)
        {
            await handles.JobRecords.PurgeAsync(JobPrefix + job.AnalysisId, cancellationToken: cancellationToken);
            var earlier = await FindByRequestIdAsync(job.OwnerId, job.RequestId, cancellationToken)
                ?? throw new InvalidOperationException($"Request {job.RequestId} is taken but its analysis is gone; try again.");
            return (earlier, false);
        }
    }

    public async Task<JobRecord?> GetAsync(string analysisId, CancellationToken cancellationToken) =>
        (await GetEntryAsync(analysisId, cancellationToken))?.Job;

    public async Task<JobRecord?> FindByRequestIdAsync(string ownerId, string requestId, CancellationToken cancellationToken)
    {
        var handles = await _layout.ReadyAsync(cancellationToken);
        var entry = await handles.JobRecords.TryGetEntryAsync<byte[]>(RequestKey(ownerId, requestId), cancellationToken: cancellationToken);
        if (!entry.Success || entry.Value.Value is not { } id)
        {
            return null;
        }

        var job = await GetAsync(System.Text.Encoding.UTF8.GetString(id), cancellationToken);
        return job?.OwnerId == ownerId ? job : null;
    }

    public async Task AppendEventAsync(string analysisId, JobEvent jobEvent, CancellationToken cancellationToken)
    {
        var handles = await _layout.ReadyAsync(cancellationToken);
        var subject = _layout.EventsSubject(analysisId);
        ulong expected = 0;
        if (jobEvent.Sequence > 1)
        {
            if (_tails.TryGetValue(analysisId, out var tail) && tail.Sequence == jobEvent.Sequence - 1)
            {
                expected = tail.StreamSequence;
            }
            else if (_positions.TryGetValue(analysisId, out var known) && known.StreamSequenceOf(jobEvent.Sequence - 1) is { } position)
            {
                expected = position;
            }
            else
            {
                // A resumed analysis: the log's last event must be the one before this.
                var last = await ReadLastAsync(handles, subject, cancellationToken);
                if (last is null || last.Value.Event.Sequence != jobEvent.Sequence - 1)
                {
                    throw new JobSequenceConflictException(analysisId, jobEvent.Sequence);
                }

                expected = last.Value.StreamSequence;
            }
        }

        PubAckResponse ack;
        try
        {
            ack = await _js.PublishAsync(
                subject,
                JsonSerializer.SerializeToUtf8Bytes(jobEvent, ClusterJsonContext.Default.JobEvent),
                opts: new NatsJSPubOpts { ExpectedLastSubjectSequence = expected },
                cancellationToken: cancellationToken);
            ack.EnsureSuccess();
        }
        catch (NatsJSApiException ex) when (ex.Error.ErrCode == WrongLastSequence)
        {
            _tails.TryRemove(analysisId, out _);
            if (_positions.TryGetValue(analysisId, out var stale))
            {
                stale.Clear();
            }

            throw new JobSequenceConflictException(analysisId, jobEvent.Sequence);
        }

        _tails[analysisId] = (jobEvent.Sequence, ack.Seq);
        Positions(analysisId).Record(jobEvent.Sequence, ack.Seq);
    }

    public async Task<IReadOnlyList<JobEvent>> ReadEventsAsync(string analysisId, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        var events = new List<JobEvent>();
        if (!NatsKeys.IsToken(analysisId) || limit <= 0)
        {
            return events;
        }

        var handles = await _layout.ReadyAsync(cancellationToken);
        var subject = _layout.EventsSubject(analysisId);
        var positions = Positions(analysisId);
        // Start past the last event this replica has located at or before the one asked for.
        var known = Math.Min(afterSequence, positions.Count);
        var next = known > 0 ? positions.StreamSequenceOf(known)!.Value + 1 : 1;
        while (events.Count < limit)
        {
            var stored = await ReadNextAsync(handles, subject, next, cancellationToken);
            if (stored is null)
            {
                break;
            }

            var (jobEvent, streamSequence) = stored.Value;
            positions.Record(jobEvent.Sequence, streamSequence);
            if (jobEvent.Sequence > afterSequence)
            {
                events.Add(jobEvent);
            }

            next = streamSequence + 1;
        }

        return events;
    }

    public async Task<JobEvent?> ReadLastEventAsync(string analysisId, CancellationToken cancellationToken)
    {
        if (!NatsKeys.IsToken(analysisId))
        {
            return null;
        }

        var handles = await _layout.ReadyAsync(cancellationToken);
        var last = await ReadLastAsync(handles, _layout.EventsSubject(analysisId), cancellationToken);
        if (last is { } found)
        {
            _tails[analysisId] = (found.Event.Sequence, found.StreamSequence);
        }

        return last?.Event;
    }

    public async Task PutCheckpointAsync(string analysisId, string key, string value, CancellationToken cancellationToken)
    {
        var handles = await _layout.ReadyAsync(cancellationToken);
        await handles.Checkpoints.PutAsync(CheckpointKey(analysisId, key), System.Text.Encoding.UTF8.GetBytes(value), cancellationToken: cancellationToken);
    }

    public async Task<string?> GetCheckpointAsync(string analysisId, string key, CancellationToken cancellationToken)
    {
        var handles = await _layout.ReadyAsync(cancellationToken);
        var entry = await handles.Checkpoints.TryGetEntryAsync<byte[]>(CheckpointKey(analysisId, key), cancellationToken: cancellationToken);
        return entry.Success && entry.Value.Value is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes) : null;
    }

    public async Task SetStateAsync(string analysisId, JobState state, JobFailure? failure, CancellationToken cancellationToken)
    {
        var handles = await _layout.ReadyAsync(cancellationToken);
        var finished = state is JobState.Succeeded or JobState.Failed;
        // Read, change, write at the revision read: a concurrent change is re-read, never overwritten.
        while (true)
        {
            if (await GetEntryAsync(analysisId, cancellationToken) is not { } current)
            {
                return;
            }

            var updated = current.Job with { State = state, FinishedAt = finished ? _time.GetUtcNow() : null, Failure = failure };
            try
            {
                await handles.JobRecords.UpdateAsync(JobPrefix + analysisId, Serialize(updated), current.Revision, cancellationToken: cancellationToken);
                break;
            }
            catch (NatsKVWrongLastRevisionException)
            {
                // Changed since the read: read again.
            }
        }

        if (finished)
        {
            _tails.TryRemove(analysisId, out _);
        }
    }

    /// <summary>Nothing to claim: a job whose replica died comes back through the work queue after its ack wait.</summary>
    public Task<IReadOnlyList<JobRecord>> ClaimUnfinishedAsync(string workerId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<JobRecord>>([]);

    public async Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var handles = await _layout.ReadyAsync(cancellationToken);
        var swept = 0;
        var keys = new List<string>();
        await foreach (var key in handles.JobRecords.GetKeysAsync(cancellationToken: cancellationToken))
        {
            if (key.StartsWith(JobPrefix, StringComparison.Ordinal))
            {
                keys.Add(key[JobPrefix.Length..]);
            }
        }

        foreach (var analysisId in keys)
        {
            if (await GetAsync(analysisId, cancellationToken) is not { FinishedAt: { } finishedAt } job || finishedAt >= cutoff)
            {
                continue;
            }

            // Events and checkpoints hold patient-derived text: they go with the job.
            await _js.PurgeStreamAsync(_layout.EventsStream, new StreamPurgeRequest { Filter = _layout.EventsSubject(analysisId) }, cancellationToken);
            await _js.PurgeStreamAsync("KV_" + _layout.CheckpointsBucket, new StreamPurgeRequest { Filter = $"$KV.{_layout.CheckpointsBucket}.{analysisId}.>" }, cancellationToken);
            if (job.RequestId is not null)
            {
                await handles.JobRecords.PurgeAsync(RequestKey(job.OwnerId, job.RequestId), cancellationToken: cancellationToken);
            }

            await handles.JobRecords.PurgeAsync(JobPrefix + analysisId, cancellationToken: cancellationToken);
            _positions.TryRemove(analysisId, out _);
            swept++;
        }

        return swept;
    }

    private async Task<(JobRecord Job, ulong Revision)?> GetEntryAsync(string analysisId, CancellationToken cancellationToken)
    {
        if (!NatsKeys.IsToken(analysisId))
        {
            return null;
        }

        var handles = await _layout.ReadyAsync(cancellationToken);
        var entry = await handles.JobRecords.TryGetEntryAsync<byte[]>(JobPrefix + analysisId, cancellationToken: cancellationToken);
        if (!entry.Success || entry.Value.Value is not { Length: > 0 } bytes)
        {
            return null;
        }

        return (JsonSerializer.Deserialize(bytes, ClusterJsonContext.Default.JobRecord)!, entry.Value.Revision);
    }

    private static async Task<(JobEvent Event, ulong StreamSequence)?> ReadNextAsync(ClusterLayout.Handles handles, string subject, ulong from, CancellationToken cancellationToken)
    {
        try
        {
            var response = await handles.Events.GetAsync(new StreamMsgGetRequest { Seq = from, NextBySubj = subject }, cancellationToken);
            return Decode(response.Message);
        }
        catch (NatsJSApiException ex) when (ex.Error.ErrCode == NoMessageFound)
        {
            return null;
        }
    }

    private static async Task<(JobEvent Event, ulong StreamSequence)?> ReadLastAsync(ClusterLayout.Handles handles, string subject, CancellationToken cancellationToken)
    {
        try
        {
            var response = await handles.Events.GetAsync(new StreamMsgGetRequest { LastBySubj = subject }, cancellationToken);
            return Decode(response.Message);
        }
        catch (NatsJSApiException ex) when (ex.Error.ErrCode == NoMessageFound)
        {
            return null;
        }
    }

    private static (JobEvent Event, ulong StreamSequence) Decode(StoredMessage message) =>
        (JsonSerializer.Deserialize(message.Data.Span, ClusterJsonContext.Default.JobEvent)!, (ulong)message.Seq);

    private EventPositions Positions(string analysisId)
    {
        if (_positions.Count > MaxCachedPositions)
        {
            _positions.Clear();
        }

        return _positions.GetOrAdd(analysisId, _ => new EventPositions());
    }

    private static byte[] Serialize(JobRecord job) => JsonSerializer.SerializeToUtf8Bytes(job, ClusterJsonContext.Default.JobRecord);

    private static string RequestKey(string ownerId, string requestId) => RequestPrefix + NatsKeys.Hash(ownerId, requestId);

    private static string CheckpointKey(string analysisId, string key) =>
        analysisId + "." + (NatsKeys.IsToken(key) ? key : NatsKeys.Hash(key));
}
