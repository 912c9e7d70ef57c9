using System.Text.Json;
using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace MedicalImaging.Server.Storage.Outbox;

/// <summary>
/// The durable local outbox of report writes the report store (Neo4j) could not take: a SQLite file in the data
/// directory (0600 in a 0700 folder, secure_delete on, like the embedded store). A report id is its key, so
/// keeping the same report twice replaces it. Reads are scoped to the owner, as the store's are.
/// </summary>
public sealed class ReportOutbox
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS outbox_reports (
            report_id TEXT PRIMARY KEY,
            owner_id TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            case_id TEXT,
            modality TEXT NOT NULL,
            cache_key TEXT NOT NULL,
            body TEXT NOT NULL,
            embedding TEXT NOT NULL,
            enqueued_at INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT);
        CREATE INDEX IF NOT EXISTS outbox_reports_owner ON outbox_reports(owner_id, created_at DESC, report_id DESC);
        CREATE TABLE IF NOT EXISTS outbox_heatmaps (
            report_id TEXT NOT NULL REFERENCES outbox_reports(report_id) ON DELETE CASCADE,
            image_index INTEGER NOT NULL,
            png BLOB NOT NULL,
            PRIMARY KEY (report_id, image_index));
        CREATE TABLE IF NOT EXISTS outbox_erasures (
            report_id TEXT PRIMARY KEY,
            owner_id TEXT NOT NULL);
        """;

    private readonly SqliteConnectionFactory _connections;
    private readonly TimeProvider _time;

    public ReportOutbox(SqliteConnectionFactory connections, TimeProvider time)
    {
        _connections = connections;
        _time = time;
    }

    /// <summary>The outbox file.</summary>
    public string DatabasePath => _connections.DatabasePath;

    /// <summary>Creates the tables if needed. Idempotent.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, Schema, [], cancellationToken);
    }

    /// <summary>Keeps a whole report write, replacing an earlier copy of the same report.</summary>
    public async Task AddAsync(OutboxEntry entry, string reason, CancellationToken cancellationToken)
    {
        var report = entry.Report;
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, "DELETE FROM outbox_reports WHERE report_id = $id", [("$id", report.Id)], cancellationToken, transaction);
        await ExecuteAsync(connection, """
            INSERT INTO outbox_reports (report_id, owner_id, created_at, case_id, modality, cache_key, body, embedding, enqueued_at, last_error)
            VALUES ($id, $owner, $created, $case, $modality, $key, $body, $embedding, $enqueued, $error)
            """,
            [
                ("$id", report.Id), ("$owner", report.OwnerId), ("$created", report.CreatedAt.ToUnixTimeMilliseconds()), ("$case", report.CaseId),
                ("$modality", report.Modality), ("$key", report.CacheKey),
                ("$body", JsonSerializer.Serialize(report with { StoragePending = false }, StorageJsonContext.Default.MedicalReport)),
                ("$embedding", JsonSerializer.Serialize(entry.Embedding, OutboxJsonContext.Default.StoredEmbedding)),
                ("$enqueued", _time.GetUtcNow().ToUnixTimeMilliseconds()), ("$error", reason),
            ], cancellationToken, transaction);
        foreach (var heatmap in entry.Heatmaps)
        {
            await ExecuteAsync(connection, "INSERT INTO outbox_heatmaps (report_id, image_index, png) VALUES ($id, $index, $png)",
                [("$id", report.Id), ("$index", heatmap.ImageIndex), ("$png", heatmap.Png)], cancellationToken, transaction);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The whole kept write of a report (any owner: for the drain), or null.</summary>
    public async Task<OutboxEntry?> LoadAsync(string reportId, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        string body, embedding;
        await using (var command = Command(connection, "SELECT body, embedding FROM outbox_reports WHERE report_id = $id", [("$id", reportId)]))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            (body, embedding) = (reader.GetString(0), reader.GetString(1));
        }

        var heatmaps = new List<StoredHeatmap>();
        await using (var command = Command(connection, "SELECT image_index, png FROM outbox_heatmaps WHERE report_id = $id ORDER BY image_index", [("$id", reportId)]))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                heatmaps.Add(new StoredHeatmap(reader.GetInt32(0), (byte[])reader.GetValue(1)));
            }
        }

        return new OutboxEntry(Deserialize(body), DeserializeEmbedding(embedding), heatmaps);
    }

    /// <summary>The owner's pending report (marked pending), or null.</summary>
    public async Task<MedicalReport?> GetAsync(string ownerId, string reportId, CancellationToken cancellationToken)
    {
        var bodies = await BodiesAsync("SELECT body FROM outbox_reports WHERE report_id = $id AND owner_id = $owner",
            [("$id", reportId), ("$owner", ownerId)], cancellationToken);
        return bodies.Count == 0 ? null : bodies[0];
    }

    /// <summary>Up to PageSize + 1 of the owner's pending reports after the cursor, newest first, with the query's filters.</summary>
    public async Task<IReadOnlyList<ReportSummaryInfo>> ListAsync(ReportListQuery query, CancellationToken cancellationToken)
    {
        var sql = "SELECT body FROM outbox_reports WHERE owner_id = $owner";
        var parameters = new List<(string, object?)> { ("$owner", query.OwnerId), ("$limit", query.PageSize + 1) };
        if (!string.IsNullOrEmpty(query.CaseId))
        {
            sql += " AND case_id = $case";
            parameters.Add(("$case", query.CaseId));
        }

        if (!string.IsNullOrEmpty(query.Modality))
        {
            sql += " AND modality = $modality";
            parameters.Add(("$modality", query.Modality));
        }

        if (query.After is { } after)
        {
            sql += " AND (created_at < $after_ms OR (created_at = $after_ms AND report_id < $after_id))";
            parameters.Add(("$after_ms", after.CreatedAtUnixMs));
            parameters.Add(("$after_id", after.ReportId));
        }

        var reports = await BodiesAsync(sql + " ORDER BY created_at DESC, report_id DESC LIMIT $limit", parameters, cancellationToken);
        return reports.Select(Summary).ToList();
    }

    /// <summary>Summaries of those of the given reports of the owner that are pending.</summary>
    public async Task<IReadOnlyList<ReportSummaryInfo>> GetSummariesAsync(string ownerId, IReadOnlyCollection<string> reportIds, CancellationToken cancellationToken)
    {
        var summaries = new List<ReportSummaryInfo>();
        foreach (var id in reportIds)
        {
            if (await GetAsync(ownerId, id, cancellationToken) is { } report)
            {
                summaries.Add(Summary(report));
            }
        }

        return summaries;
    }

    /// <summary>The newest pending report of the owner with this cache key created at or after <paramref name="notBefore"/>.</summary>
    public async Task<MedicalReport?> FindCachedAsync(string ownerId, string cacheKey, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        var bodies = await BodiesAsync("""
            SELECT body FROM outbox_reports WHERE owner_id = $owner AND cache_key = $key AND created_at >= $not_before
            ORDER BY created_at DESC LIMIT 1
            """, [("$owner", ownerId), ("$key", cacheKey), ("$not_before", notBefore.ToUnixTimeMilliseconds())], cancellationToken);
        return bodies.Count == 0 ? null : bodies[0];
    }

    /// <summary>The heatmap of a pending report of the owner, or null.</summary>
    public async Task<byte[]?> GetHeatmapAsync(string ownerId, string reportId, int imageIndex, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = Command(connection, """
            SELECT h.png FROM outbox_heatmaps h JOIN outbox_reports r ON r.report_id = h.report_id
            WHERE r.report_id = $id AND r.owner_id = $owner AND h.image_index = $index
            """, [("$id", reportId), ("$owner", ownerId), ("$index", imageIndex)]);
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    /// <summary>Which of the images a pending report of the owner names.</summary>
    public async Task<IReadOnlySet<string>> FindReferencedImagesAsync(string ownerId, IReadOnlyCollection<string> imageIds, CancellationToken cancellationToken)
    {
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        await using var connection = await _connections.OpenAsync(cancellationToken);
        foreach (var image in imageIds)
        {
            await using var command = Command(connection, "SELECT 1 FROM outbox_reports WHERE owner_id = $owner AND instr(body, $image) > 0 LIMIT 1",
                [("$owner", ownerId), ("$image", image)]);
            if (await command.ExecuteScalarAsync(cancellationToken) is not null)
            {
                referenced.Add(image);
            }
        }

        return referenced;
    }

    /// <summary>Every pending embedding (the vector index loads them with the store's).</summary>
    public async Task<IReadOnlyList<StoredEmbedding>> ReadEmbeddingsAsync(CancellationToken cancellationToken)
    {
        var embeddings = new List<StoredEmbedding>();
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = Command(connection, "SELECT embedding FROM outbox_reports ORDER BY report_id", []);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            embeddings.Add(DeserializeEmbedding(reader.GetString(0)));
        }

        return embeddings;
    }

    /// <summary>Replaces the embedding of a pending report (keeping its similar links); false when it is not pending.</summary>
    public async Task<bool> ReplaceEmbeddingAsync(StoredEmbedding embedding, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        string json;
        await using (var read = Command(connection, "SELECT embedding FROM outbox_reports WHERE report_id = $id AND owner_id = $owner",
            [("$id", embedding.ReportId), ("$owner", embedding.OwnerId)]))
        {
            if (await read.ExecuteScalarAsync(cancellationToken) is not string stored)
            {
                return false;
            }

            json = JsonSerializer.Serialize(embedding with { SimilarTo = DeserializeEmbedding(stored).SimilarTo }, OutboxJsonContext.Default.StoredEmbedding);
        }

        return await ExecuteAsync(connection, "UPDATE outbox_reports SET embedding = $embedding WHERE report_id = $id",
            [("$embedding", json), ("$id", embedding.ReportId)], cancellationToken) > 0;
    }

    /// <summary>Removes a report (any owner when <paramref name="ownerId"/> is null); false when it was not there.</summary>
    public async Task<bool> RemoveAsync(string? ownerId, string reportId, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        return await ExecuteAsync(connection, "DELETE FROM outbox_reports WHERE report_id = $id AND ($owner IS NULL OR owner_id = $owner)",
            [("$id", reportId), ("$owner", ownerId)], cancellationToken) > 0;
    }

    /// <summary>
    /// Remembers that a report erased while pending must also be erased from the store (a write that timed out may
    /// still have been committed there), once the store answers again.
    /// </summary>
    public async Task AddErasureAsync(string ownerId, string reportId, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "INSERT OR REPLACE INTO outbox_erasures (report_id, owner_id) VALUES ($id, $owner)",
            [("$id", reportId), ("$owner", ownerId)], cancellationToken);
    }

    /// <summary>Erasures still to be carried out in the store: (owner, report id).</summary>
    public async Task<IReadOnlyList<(string OwnerId, string ReportId)>> ErasuresAsync(CancellationToken cancellationToken)
    {
        var erasures = new List<(string, string)>();
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = Command(connection, "SELECT owner_id, report_id FROM outbox_erasures ORDER BY report_id", []);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            erasures.Add((reader.GetString(0), reader.GetString(1)));
        }

        return erasures;
    }

    /// <summary>Forgets an erasure the store has carried out.</summary>
    public async Task RemoveErasureAsync(string reportId, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "DELETE FROM outbox_erasures WHERE report_id = $id", [("$id", reportId)], cancellationToken);
    }

    /// <summary>Counts a failed try to hand a report to the store, with why (for operators reading the file).</summary>
    public async Task RecordFailureAsync(string reportId, string error, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "UPDATE outbox_reports SET attempts = attempts + 1, last_error = $error WHERE report_id = $id",
            [("$id", reportId), ("$error", error)], cancellationToken);
    }

    /// <summary>How many reports wait.</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = Command(connection, "SELECT count(*) FROM outbox_reports", []);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Ids of the oldest waiting reports, first kept first.</summary>
    public async Task<IReadOnlyList<string>> OldestAsync(int limit, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = Command(connection, "SELECT report_id FROM outbox_reports ORDER BY enqueued_at, report_id LIMIT $limit", [("$limit", limit)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private async Task<List<MedicalReport>> BodiesAsync(string sql, IEnumerable<(string, object?)> parameters, CancellationToken cancellationToken)
    {
        var reports = new List<MedicalReport>();
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            reports.Add(Deserialize(reader.GetString(0)) with { StoragePending = true });
        }

        return reports;
    }

    private static ReportSummaryInfo Summary(MedicalReport report) => new(
        report.Id, report.CaseId, report.CreatedAt, report.Modality, report.BodyPart, report.Impression,
        report.OverallSeverity, report.Findings.Count, report.Provenance.Provider)
    {
        StoragePending = true,
    };

    private static async Task<int> ExecuteAsync(
        SqliteConnection connection, string sql, IEnumerable<(string, object?)> parameters, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        await using var command = Command(connection, sql, parameters);
        command.Transaction = transaction;
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, IEnumerable<(string Name, object? Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static MedicalReport Deserialize(string body) =>
        JsonSerializer.Deserialize(body, StorageJsonContext.Default.MedicalReport) ?? throw new InvalidOperationException("An outbox report body is empty.");

    private static StoredEmbedding DeserializeEmbedding(string json) =>
        JsonSerializer.Deserialize(json, OutboxJsonContext.Default.StoredEmbedding) ?? throw new InvalidOperationException("An outbox embedding is empty.");
}
