using System.Text.Json;
using MedicalImaging.Server.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace MedicalImaging.Server.Pipeline.Jobs.Sqlite;

/// <summary>
/// The job store in its own SQLite file (WAL, 0600 like the report database) in the data directory. Each
/// call is one short statement or transaction; the schema is created on first use.
/// </summary>
/// <remarks>
/// Writes go through one connection, one at a time (<see cref="SqliteJobWriter"/>): SQLite allows a single
/// writer anyway, and two pooled connections writing at once made the loser sleep in the busy handler (tens of
/// ms per collision under concurrent analyses). Each write is still its own committed statement, so what
/// was acknowledged is as durable as before. Reads use pooled connections (WAL: they never wait for the writer).
/// </remarks>
public sealed class SqliteJobStore : IJobStore, IDisposable
{
    private const int UniqueViolation = 19;
    private readonly SqliteConnectionFactory _connections;
    private readonly TimeProvider _time;
    private readonly Lazy<Task> _initialized;
    private readonly SqliteJobWriter _writer;

    public SqliteJobStore(string databasePath, TimeProvider time)
    {
        _connections = new SqliteConnectionFactory(databasePath, synchronousNormal: true);
        _time = time;
        _initialized = new Lazy<Task>(InitializeAsync);
        _writer = new SqliteJobWriter(_connections);
    }

    /// <summary>The database file.</summary>
    public string DatabasePath => _connections.DatabasePath;

    public async Task<(JobRecord Job, bool Created)> CreateOrGetAsync(JobRecord job, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.Serialize(job.Request, JobJsonContext.Default.StoredJobRequest);
        await _initialized.Value.WaitAsync(cancellationToken);
        var inserted = await _writer.ExecuteAsync("""
            INSERT INTO jobs (analysis_id, owner_id, request_id, case_id, state, request, created_at, claimed_by)
            VALUES ($id, $owner, $request_id, $case, $state, $request, $created, $claimed_by)
            ON CONFLICT DO NOTHING;
            """, command =>
        {
            command.Parameters.AddWithValue("$id", job.AnalysisId);
            command.Parameters.AddWithValue("$owner", job.OwnerId);
            command.Parameters.AddWithValue("$request_id", (object?)job.RequestId ?? DBNull.Value);
            command.Parameters.AddWithValue("$case", (object?)job.CaseId ?? DBNull.Value);
            command.Parameters.AddWithValue("$state", (int)job.State);
            command.Parameters.AddWithValue("$request", request);
            command.Parameters.AddWithValue("$created", job.CreatedAt.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$claimed_by", (object?)job.ClaimedBy ?? DBNull.Value);
        }, cancellationToken);
        if (inserted == 1)
        {
            return (job, true);
        }

        var existing = job.RequestId is null ? null : await FindByRequestIdAsync(job.OwnerId, job.RequestId, cancellationToken);
        return existing is not null
            ? (existing, false)
            : throw new InvalidOperationException($"Analysis {job.AnalysisId} is already stored.");
    }

    public Task<JobRecord?> GetAsync(string analysisId, CancellationToken cancellationToken) =>
        QueryOneAsync("analysis_id = $a", analysisId, null, cancellationToken);

    public Task<JobRecord?> FindByRequestIdAsync(string ownerId, string requestId, CancellationToken cancellationToken) =>
        QueryOneAsync("owner_id = $a AND request_id = $b", ownerId, requestId, cancellationToken);

    public async Task AppendEventAsync(string analysisId, JobEvent jobEvent, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(jobEvent, JobJsonContext.Default.JobEvent);
        await _initialized.Value.WaitAsync(cancellationToken);
        try
        {
            // One statement: the insert happens only when the event is the next one, so two writers cannot both append.
            var inserted = await _writer.ExecuteAsync("""
                INSERT INTO job_events (analysis_id, sequence, body)
                SELECT $id, $sequence, $body
                WHERE (SELECT COALESCE(MAX(sequence), 0) FROM job_events WHERE analysis_id = $id) = $sequence - 1;
                """, command =>
            {
                command.Parameters.AddWithValue("$id", analysisId);
                command.Parameters.AddWithValue("$sequence", jobEvent.Sequence);
                command.Parameters.AddWithValue("$body", body);
            }, cancellationToken);
            if (inserted == 1)
            {
                return;
            }
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == UniqueViolation)
        {
            // A duplicate sequence, or no such job (foreign key): either way not the next event of a known log.
        }

        throw new JobSequenceConflictException(analysisId, jobEvent.Sequence);
    }

    public async Task<IReadOnlyList<JobEvent>> ReadEventsAsync(string analysisId, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM job_events WHERE analysis_id = $id AND sequence > $after ORDER BY sequence LIMIT $limit;";
        command.Parameters.AddWithValue("$id", analysisId);
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$limit", limit);
        return await ReadEventsAsync(command, cancellationToken);
    }

    public async Task<JobEvent?> ReadLastEventAsync(string analysisId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM job_events WHERE analysis_id = $id ORDER BY sequence DESC LIMIT 1;";
        command.Parameters.AddWithValue("$id", analysisId);
        var events = await ReadEventsAsync(command, cancellationToken);
        return events.Count > 0 ? events[0] : null;
    }

    public async Task PutCheckpointAsync(string analysisId, string key, string value, CancellationToken cancellationToken)
    {
        await _initialized.Value.WaitAsync(cancellationToken);
        await _writer.ExecuteAsync("""
            INSERT INTO job_checkpoints (analysis_id, key, value) VALUES ($id, $key, $value)
            ON CONFLICT (analysis_id, key) DO UPDATE SET value = excluded.value;
            """, command =>
        {
            command.Parameters.AddWithValue("$id", analysisId);
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$value", value);
        }, cancellationToken);
    }

    public async Task<string?> GetCheckpointAsync(string analysisId, string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM job_checkpoints WHERE analysis_id = $id AND key = $key;";
        command.Parameters.AddWithValue("$id", analysisId);
        command.Parameters.AddWithValue("$key", key);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task SetStateAsync(string analysisId, JobState state, JobFailure? failure, CancellationToken cancellationToken)
    {
        object finished = state is JobState.Succeeded or JobState.Failed ? _time.GetUtcNow().ToUnixTimeMilliseconds() : DBNull.Value;
        object failureJson = failure is null ? DBNull.Value : JsonSerializer.Serialize(failure, JobJsonContext.Default.JobFailure);
        await _initialized.Value.WaitAsync(cancellationToken);
        await _writer.ExecuteAsync("UPDATE jobs SET state = $state, finished_at = $finished, failure = $failure WHERE analysis_id = $id;", command =>
        {
            command.Parameters.AddWithValue("$id", analysisId);
            command.Parameters.AddWithValue("$state", (int)state);
            command.Parameters.AddWithValue("$finished", finished);
            command.Parameters.AddWithValue("$failure", failureJson);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<JobRecord>> ClaimUnfinishedAsync(string workerId, CancellationToken cancellationToken)
    {
        await _initialized.Value.WaitAsync(cancellationToken);
        // One statement: a job is claimed once, and jobs this worker accepted (claimed_by = it) are left alone.
        var jobs = await _writer.QueryAsync("""
            UPDATE jobs SET claimed_by = $a, state = $b
            WHERE state IN ($b, $running) AND (claimed_by IS NULL OR claimed_by <> $a)
            RETURNING analysis_id, owner_id, request_id, case_id, state, request, created_at, finished_at, failure, claimed_by;
            """, command =>
        {
            command.Parameters.AddWithValue("$a", workerId);
            command.Parameters.AddWithValue("$b", (int)JobState.Queued);
            command.Parameters.AddWithValue("$running", (int)JobState.Running);
        }, command => ReadJobsAsync(command, cancellationToken), cancellationToken);
        return [.. jobs.OrderBy(j => j.CreatedAt)];
    }

    public async Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await _initialized.Value.WaitAsync(cancellationToken);
        // Events and checkpoints go with their job (ON DELETE CASCADE); secure_delete (set on the writer's
        // connection when it opens) zeroes the freed pages.
        return await _writer.ExecuteAsync("DELETE FROM jobs WHERE finished_at IS NOT NULL AND finished_at < $cutoff;",
            command => command.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeMilliseconds()), cancellationToken);
    }

    /// <summary>Closes the writer's connection.</summary>
    public void Dispose() => _writer.Dispose();

    private const string Select = "SELECT analysis_id, owner_id, request_id, case_id, state, request, created_at, finished_at, failure, claimed_by FROM jobs";

    private async Task<JobRecord?> QueryOneAsync(string where, string a, string? b, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Select + " WHERE " + where + ";";
        command.Parameters.AddWithValue("$a", a);
        if (b is not null)
        {
            command.Parameters.AddWithValue("$b", b);
        }

        var jobs = await ReadJobsAsync(command, cancellationToken);
        return jobs.Count > 0 ? jobs[0] : null;
    }

    private static async Task<List<JobRecord>> ReadJobsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var jobs = new List<JobRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            jobs.Add(new JobRecord(
                reader.GetString(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                JsonSerializer.Deserialize(reader.GetString(5), JobJsonContext.Default.StoredJobRequest)!,
                (JobState)reader.GetInt32(4),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
                reader.IsDBNull(7) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
                reader.IsDBNull(8) ? null : JsonSerializer.Deserialize(reader.GetString(8), JobJsonContext.Default.JobFailure),
                reader.IsDBNull(9) ? null : reader.GetString(9)));
        }

        return jobs;
    }

    private static async Task<IReadOnlyList<JobEvent>> ReadEventsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var events = new List<JobEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(JsonSerializer.Deserialize(reader.GetString(0), JobJsonContext.Default.JobEvent)!);
        }

        return events;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await _initialized.Value.WaitAsync(cancellationToken);
        return await _connections.OpenAsync(cancellationToken);
    }

    private async Task InitializeAsync()
    {
        await using var connection = await _connections.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = SqliteJobSchema.Create;
        await command.ExecuteNonQueryAsync();
    }
}
