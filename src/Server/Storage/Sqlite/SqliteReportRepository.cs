using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using MedicalImaging.Imaging;
using MedicalImaging.Server.Domain;
using Microsoft.Data.Sqlite;

namespace MedicalImaging.Server.Storage.Sqlite;

/// <summary>The embedded default store: one SQLite file (WAL) in the data directory.</summary>
public sealed class SqliteReportRepository : IReportRepository
{
    private const string SummaryColumns = "id, case_id, created_at, modality, body_part, impression, overall_severity, finding_count, provider";
    private readonly SqliteConnectionFactory _connections;

    public SqliteReportRepository(SqliteConnectionFactory connections) => _connections = connections;

    public string ProviderName => "sqlite";

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_connections.DatabasePath)!);
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        var version = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        if (version > SqliteSchema.Version)
        {
            throw new InvalidOperationException(
                $"The database {_connections.DatabasePath} has schema version {version}; this server knows up to {SqliteSchema.Version}. Upgrade the server.");
        }

        command.CommandText = SqliteSchema.Create;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task SaveAsync(MedicalReport report, StoredEmbedding embedding, IReadOnlyList<StoredHeatmap> heatmaps, CancellationToken cancellationToken)
    {
        using var turn = await _connections.WaitForWriteTurnAsync(cancellationToken);
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);

        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO reports (id, owner_id, case_id, created_at, modality, body_part, impression, overall_severity, finding_count, provider, cache_key, body)
                VALUES ($id, $owner, $case, $created, $modality, $body_part, $impression, $severity, $count, $provider, $cache_key, $body);
                """;
            insert.Parameters.AddWithValue("$id", report.Id);
            insert.Parameters.AddWithValue("$owner", report.OwnerId);
            insert.Parameters.AddWithValue("$case", (object?)report.CaseId ?? DBNull.Value);
            insert.Parameters.AddWithValue("$created", report.CreatedAt.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$modality", report.Modality);
            insert.Parameters.AddWithValue("$body_part", (object?)report.BodyPart ?? DBNull.Value);
            insert.Parameters.AddWithValue("$impression", report.Impression);
            insert.Parameters.AddWithValue("$severity", (int)report.OverallSeverity);
            insert.Parameters.AddWithValue("$count", report.Findings.Count);
            insert.Parameters.AddWithValue("$provider", report.Provenance.Provider);
            insert.Parameters.AddWithValue("$cache_key", report.CacheKey);
            insert.Parameters.AddWithValue("$body", JsonSerializer.Serialize(report, StorageJsonContext.Default.MedicalReport));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var vector = connection.CreateCommand())
        {
            vector.Transaction = transaction;
            vector.CommandText = "INSERT INTO embeddings (report_id, owner_id, model, dimension, vector) VALUES ($id, $owner, $model, $dim, $vector);";
            vector.Parameters.AddWithValue("$id", report.Id);
            vector.Parameters.AddWithValue("$owner", report.OwnerId);
            vector.Parameters.AddWithValue("$model", embedding.Model);
            vector.Parameters.AddWithValue("$dim", embedding.Vector.Length);
            vector.Parameters.AddWithValue("$vector", MemoryMarshal.AsBytes(embedding.Vector.AsSpan()).ToArray());
            await vector.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var heatmap in heatmaps)
        {
            await using var png = connection.CreateCommand();
            png.Transaction = transaction;
            png.CommandText = "INSERT INTO heatmaps (report_id, image_index, png) VALUES ($id, $index, $png);";
            png.Parameters.AddWithValue("$id", report.Id);
            png.Parameters.AddWithValue("$index", heatmap.ImageIndex);
            png.Parameters.AddWithValue("$png", heatmap.Png);
            await png.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<MedicalReport?> GetAsync(string ownerId, string reportId, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM reports WHERE id = $id AND owner_id = $owner;";
        command.Parameters.AddWithValue("$id", reportId);
        command.Parameters.AddWithValue("$owner", ownerId);
        return await command.ExecuteScalarAsync(cancellationToken) is string body ? Deserialize(body) : null;
    }

    public async Task<ReportPage> ListAsync(ReportListQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var where = "owner_id = $owner";
        command.Parameters.AddWithValue("$owner", query.OwnerId);
        if (!string.IsNullOrEmpty(query.CaseId))
        {
            where += " AND case_id = $case";
            command.Parameters.AddWithValue("$case", query.CaseId);
        }

        if (!string.IsNullOrEmpty(query.Modality))
        {
            where += " AND modality = $modality";
            command.Parameters.AddWithValue("$modality", query.Modality);
        }

        if (query.After is { } after)
        {
            where += " AND (created_at < $after_ms OR (created_at = $after_ms AND id < $after_id))";
            command.Parameters.AddWithValue("$after_ms", after.CreatedAtUnixMs);
            command.Parameters.AddWithValue("$after_id", after.ReportId);
        }

        command.CommandText = $"SELECT {SummaryColumns} FROM reports WHERE {where} ORDER BY created_at DESC, id DESC LIMIT $limit;";
        command.Parameters.AddWithValue("$limit", query.PageSize + 1);
        var rows = await ReadSummariesAsync(command, cancellationToken);
        if (rows.Count <= query.PageSize)
        {
            return new ReportPage(rows, null);
        }

        rows.RemoveAt(rows.Count - 1);
        var last = rows[^1];
        return new ReportPage(rows, new ReportCursor(last.CreatedAt.ToUnixTimeMilliseconds(), last.Id));
    }

    public async Task<IReadOnlyList<ReportSummaryInfo>> GetSummariesAsync(string ownerId, IReadOnlyCollection<string> reportIds, CancellationToken cancellationToken)
    {
        if (reportIds.Count == 0)
        {
            return [];
        }

        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var names = new List<string>(reportIds.Count);
        var i = 0;
        foreach (var id in reportIds)
        {
            var name = "$id" + i++.ToString(System.Globalization.CultureInfo.InvariantCulture);
            names.Add(name);
            command.Parameters.AddWithValue(name, id);
        }

        command.Parameters.AddWithValue("$owner", ownerId);
        command.CommandText = $"SELECT {SummaryColumns} FROM reports WHERE owner_id = $owner AND id IN ({string.Join(", ", names)});";
        return await ReadSummariesAsync(command, cancellationToken);
    }

    public async Task<bool> DeleteAsync(string ownerId, string reportId, CancellationToken cancellationToken)
    {
        using var turn = await _connections.WaitForWriteTurnAsync(cancellationToken);
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM reports WHERE id = $id AND owner_id = $owner;";
        command.Parameters.AddWithValue("$id", reportId);
        command.Parameters.AddWithValue("$owner", ownerId);
        var deleted = await command.ExecuteNonQueryAsync(cancellationToken) > 0;
        if (deleted)
        {
            // secure_delete zeroes the freed pages in the database; the WAL still holds the frames that wrote
            // the report and its heatmaps until a checkpoint copies them back and truncates it.
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync(cancellationToken);
        }

        return deleted;
    }

    public async Task<IReadOnlySet<string>> FindReferencedImagesAsync(string ownerId, IReadOnlyCollection<string> imageIds, CancellationToken cancellationToken)
    {
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        await using var connection = await _connections.OpenAsync(cancellationToken);
        foreach (var imageId in imageIds)
        {
            // Image ids are 64 hex digits: no LIKE wildcards, and no other text of a report carries one by chance.
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1 FROM reports WHERE owner_id = $owner AND instr(body, $image) > 0 LIMIT 1;";
            command.Parameters.AddWithValue("$owner", ownerId);
            command.Parameters.AddWithValue("$image", imageId);
            if (await command.ExecuteScalarAsync(cancellationToken) is not null)
            {
                referenced.Add(imageId);
            }
        }

        return referenced;
    }

    public async Task<MedicalReport?> FindCachedAsync(string ownerId, string cacheKey, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT body FROM reports
            WHERE owner_id = $owner AND cache_key = $key AND created_at >= $not_before
            ORDER BY created_at DESC LIMIT 1;
            """;
        command.Parameters.AddWithValue("$owner", ownerId);
        command.Parameters.AddWithValue("$key", cacheKey);
        command.Parameters.AddWithValue("$not_before", notBefore.ToUnixTimeMilliseconds());
        return await command.ExecuteScalarAsync(cancellationToken) is string body ? Deserialize(body) : null;
    }

    public async Task<byte[]?> GetHeatmapAsync(string ownerId, string reportId, int imageIndex, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT h.png FROM heatmaps h JOIN reports r ON r.id = h.report_id
            WHERE r.id = $id AND r.owner_id = $owner AND h.image_index = $index;
            """;
        command.Parameters.AddWithValue("$id", reportId);
        command.Parameters.AddWithValue("$owner", ownerId);
        command.Parameters.AddWithValue("$index", imageIndex);
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    public async IAsyncEnumerable<StoredEmbedding> ReadEmbeddingsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT e.report_id, e.owner_id, e.model, e.vector, r.modality, r.body_part
            FROM embeddings e JOIN reports r ON r.id = e.report_id;
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var bytes = (byte[])reader.GetValue(3);
            var vector = MemoryMarshal.Cast<byte, float>(bytes).ToArray();
            yield return new StoredEmbedding(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), vector,
                reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5));
        }
    }

    public async Task<bool> ReplaceEmbeddingAsync(StoredEmbedding embedding, CancellationToken cancellationToken)
    {
        using var turn = await _connections.WaitForWriteTurnAsync(cancellationToken);
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO embeddings (report_id, owner_id, model, dimension, vector)
            SELECT id, owner_id, $model, $dim, $vector FROM reports WHERE id = $id AND owner_id = $owner
            ON CONFLICT (report_id) DO UPDATE SET model = excluded.model, dimension = excluded.dimension, vector = excluded.vector;
            """;
        command.Parameters.AddWithValue("$id", embedding.ReportId);
        command.Parameters.AddWithValue("$owner", embedding.OwnerId);
        command.Parameters.AddWithValue("$model", embedding.Model);
        command.Parameters.AddWithValue("$dim", embedding.Vector.Length);
        command.Parameters.AddWithValue("$vector", MemoryMarshal.AsBytes(embedding.Vector.AsSpan()).ToArray());
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM reports WHERE 0;";
        await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task<List<ReportSummaryInfo>> ReadSummariesAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<ReportSummaryInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new ReportSummaryInfo(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetString(5),
                (FindingSeverity)reader.GetInt32(6),
                reader.GetInt32(7),
                reader.GetString(8)));
        }

        return rows;
    }

    private static MedicalReport Deserialize(string body) =>
        JsonSerializer.Deserialize(body, StorageJsonContext.Default.MedicalReport)
        ?? throw new InvalidOperationException("A stored report body is empty.");
}
