using MedicalImaging.Server.Chat;
using MedicalImaging.Server.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace MedicalImaging.Server.Tests.Storage;

/// <summary>Chat history against a real SQLite file, including one written by a release before the provenance columns.</summary>
public sealed class SqliteChatHistoryStoreTests : IDisposable
{
    // The chat_messages table exactly as the first release created it (no model, no unverified_references_removed).
    private const string OldSchema = """
        CREATE TABLE chat_messages (
            id           TEXT    PRIMARY KEY,
            report_id    TEXT    NOT NULL,
            owner_id     TEXT    NOT NULL,
            role         TEXT    NOT NULL,
            content      TEXT    NOT NULL,
            cited_pmids  TEXT    NOT NULL,
            finding_ids  TEXT    NOT NULL,
            provider     TEXT,
            created_at   INTEGER NOT NULL,
            seq          INTEGER NOT NULL
        );
        CREATE INDEX ix_chat_report_owner ON chat_messages (report_id, owner_id, seq);
        INSERT INTO chat_messages VALUES ('msg_old', 'rep_1', 'clinician', 'assistant', 'An old reply [f1].', '[]', '["f1"]', 'gemini', 1700000000000, 1);
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("medimg-chat-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task OpenOldSchemaDatabase_AddsProvenanceColumns_OldRowsReadAndNewRowsKeepModelAndCount()
    {
        var path = Path.Combine(_directory, "medimaging.db");
        await using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = OldSchema;
            await command.ExecuteNonQueryAsync();
        }

        var store = new SqliteChatHistoryStore(new SqliteConnectionFactory(path));
        var old = Assert.Single(await store.GetRecentAsync("clinician", "rep_1", 10, CancellationToken.None));
        Assert.Equal("An old reply [f1].", old.Content);
        Assert.Null(old.Model);
        Assert.Equal(0, old.UnverifiedReferencesRemoved);

        var reply = new ChatTurn("msg_new", "rep_1", "clinician", "assistant", "See [unverified reference removed].", [], [], "openrouter",
            DateTimeOffset.FromUnixTimeMilliseconds(1700000001000), "vendor/served-model-2026", 1);
        await store.AppendAsync([reply], CancellationToken.None);
        store.Dispose();

        // A second store over the same, now migrated, file: the migration does not add the columns again (it would fail).
        using var reopened = new SqliteChatHistoryStore(new SqliteConnectionFactory(path));
        var turns = await reopened.GetRecentAsync("clinician", "rep_1", 10, CancellationToken.None);
        Assert.Equal(["msg_old", "msg_new"], turns.Select(t => t.Id));
        Assert.Equal("vendor/served-model-2026", turns[1].Model);
        Assert.Equal(1, turns[1].UnverifiedReferencesRemoved);
    }
}
