using System.Text.Json;
using MedicalImaging.Server.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace MedicalImaging.Server.Chat;

/// <summary>Chat history in the embedded database (also under STORAGE_PROVIDER=neo4j); deleted with its report.</summary>
public sealed class SqliteChatHistoryStore : IChatHistoryStore, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS chat_messages (
            id           TEXT    PRIMARY KEY,
            report_id    TEXT    NOT NULL,
            owner_id     TEXT    NOT NULL,
            role         TEXT    NOT NULL,
            content      TEXT    NOT NULL,
            cited_pmids  TEXT    NOT NULL,
            finding_ids  TEXT    NOT NULL,
            provider     TEXT,
            created_at   INTEGER NOT NULL,
            seq          INTEGER NOT NULL,
            model        TEXT,
            unverified_references_removed INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX IF NOT EXISTS ix_chat_report_owner ON chat_messages (report_id, owner_id, seq);
        """;

    /// <summary>
    /// Columns added after the first schema: a database created before them gets them on first open (SQLite has no
    /// ADD COLUMN IF NOT EXISTS, so each is added only when <c>PRAGMA table_info</c> does not list it).
    /// </summary>
    private static readonly (string Name, string Definition)[] AddedColumns =
    [
        ("model", "TEXT"),
        ("unverified_references_removed", "INTEGER NOT NULL DEFAULT 0"),
    ];

    private readonly SqliteConnectionFactory _connections;
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private bool _schemaReady;

    public SqliteChatHistoryStore(SqliteConnectionFactory connections) => _connections = connections;

    public void Dispose() => _schemaLock.Dispose();

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken);
        if (!_schemaReady)
        {
            await _schemaLock.WaitAsync(cancellationToken);
            try
            {
                if (!_schemaReady)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(_connections.DatabasePath)!);
                    await using var command = connection.CreateCommand();
                    command.CommandText = Schema;
                    await command.ExecuteNonQueryAsync(cancellationToken);
                    await AddMissingColumnsAsync(connection, cancellationToken);
                    _schemaReady = true;
                }
            }
            finally
            {
                _schemaLock.Release();
            }
        }

        return connection;
    }

    private static async Task AddMissingColumnsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var existing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = "PRAGMA table_info(chat_messages);";
            await using var reader = await info.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                existing.Add(reader.GetString(1));
            }
        }

        foreach (var (name, definition) in AddedColumns.Where(c => !existing.Contains(c.Name)))
        {
            await using var alter = connection.CreateCommand();
            alter.CommandText = $"ALTER TABLE chat_messages ADD COLUMN {name} {definition};";
            await alter.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task<IReadOnlyList<ChatTurn>> GetRecentAsync(string ownerId, string reportId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, role, content, cited_pmids, finding_ids, provider, created_at, model, unverified_references_removed FROM (
                SELECT * FROM chat_messages WHERE report_id = $report AND owner_id = $owner ORDER BY seq DESC LIMIT $limit
            ) ORDER BY seq ASC;
            """;
        command.Parameters.AddWithValue("$report", reportId);
        command.Parameters.AddWithValue("$owner", ownerId);
        command.Parameters.AddWithValue("$limit", limit);
        var turns = new List<ChatTurn>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            turns.Add(new ChatTurn(
                reader.GetString(0), reportId, ownerId, reader.GetString(1), reader.GetString(2),
                JsonSerializer.Deserialize<List<string>>(reader.GetString(3)) ?? [],
                JsonSerializer.Deserialize<List<string>>(reader.GetString(4)) ?? [],
                reader.IsDBNull(5) ? null : reader.GetString(5),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.GetInt32(8)));
        }

        return turns;
    }

    public async Task DeleteAsync(string ownerId, string reportId, CancellationToken cancellationToken)
    {
        using var writeTurn = await _connections.WaitForWriteTurnAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM chat_messages WHERE report_id = $report AND owner_id = $owner;";
        command.Parameters.AddWithValue("$report", reportId);
        command.Parameters.AddWithValue("$owner", ownerId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task AppendAsync(IReadOnlyList<ChatTurn> turns, CancellationToken cancellationToken)
    {
        using var writeTurn = await _connections.WaitForWriteTurnAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        foreach (var turn in turns)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO chat_messages (id, report_id, owner_id, role, content, cited_pmids, finding_ids, provider, created_at, seq, model, unverified_references_removed)
                VALUES ($id, $report, $owner, $role, $content, $pmids, $findings, $provider, $created,
                        (SELECT coalesce(max(seq), 0) + 1 FROM chat_messages WHERE report_id = $report AND owner_id = $owner),
                        $model, $removed);
                """;
            command.Parameters.AddWithValue("$id", turn.Id);
            command.Parameters.AddWithValue("$report", turn.ReportId);
            command.Parameters.AddWithValue("$owner", turn.OwnerId);
            command.Parameters.AddWithValue("$role", turn.Role);
            command.Parameters.AddWithValue("$content", turn.Content);
            command.Parameters.AddWithValue("$pmids", JsonSerializer.Serialize(turn.CitedPmids));
            command.Parameters.AddWithValue("$findings", JsonSerializer.Serialize(turn.FindingIds));
            command.Parameters.AddWithValue("$provider", (object?)turn.Provider ?? DBNull.Value);
            command.Parameters.AddWithValue("$created", turn.CreatedAt.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$model", (object?)turn.Model ?? DBNull.Value);
            command.Parameters.AddWithValue("$removed", turn.UnverifiedReferencesRemoved);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
