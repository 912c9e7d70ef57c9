namespace MedicalImaging.Server.Storage.Sqlite;

/// <summary>The embedded database's schema (version 1).</summary>
internal static class SqliteSchema
{
    public const int Version = 1;

    public const string Create = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        CREATE TABLE IF NOT EXISTS reports (
            id               TEXT    PRIMARY KEY,
            owner_id         TEXT    NOT NULL,
            case_id          TEXT,
            created_at       INTEGER NOT NULL,
            modality         TEXT    NOT NULL,
            body_part        TEXT,
            impression       TEXT    NOT NULL,
            overall_severity INTEGER NOT NULL,
            finding_count    INTEGER NOT NULL,
            provider         TEXT    NOT NULL,
            cache_key        TEXT    NOT NULL,
            body             TEXT    NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_reports_owner_created ON reports (owner_id, created_at DESC, id DESC);
        CREATE INDEX IF NOT EXISTS ix_reports_owner_case ON reports (owner_id, case_id, created_at DESC, id DESC);
        CREATE INDEX IF NOT EXISTS ix_reports_owner_cache ON reports (owner_id, cache_key, created_at DESC);
        CREATE TABLE IF NOT EXISTS heatmaps (
            report_id   TEXT    NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
            image_index INTEGER NOT NULL,
            png         BLOB    NOT NULL,
            PRIMARY KEY (report_id, image_index)
        );
        CREATE TABLE IF NOT EXISTS embeddings (
            report_id TEXT    PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
            owner_id  TEXT    NOT NULL,
            model     TEXT    NOT NULL,
            dimension INTEGER NOT NULL,
            vector    BLOB    NOT NULL
        );
        PRAGMA user_version = 1;
        """;
}
