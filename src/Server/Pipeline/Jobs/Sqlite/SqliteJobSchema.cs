namespace MedicalImaging.Server.Pipeline.Jobs.Sqlite;

/// <summary>The job database's schema (version 1): jobs, their events and checkpoints, deleted together.</summary>
internal static class SqliteJobSchema
{
    public const string Create = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        CREATE TABLE IF NOT EXISTS jobs (
            analysis_id TEXT    PRIMARY KEY,
            owner_id    TEXT    NOT NULL,
            request_id  TEXT,
            case_id     TEXT,
            state       INTEGER NOT NULL,
            request     TEXT    NOT NULL,
            created_at  INTEGER NOT NULL,
            finished_at INTEGER,
            failure     TEXT,
            claimed_by  TEXT
        );
        CREATE UNIQUE INDEX IF NOT EXISTS ux_jobs_owner_request ON jobs (owner_id, request_id) WHERE request_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ix_jobs_state_finished ON jobs (state, finished_at);
        CREATE TABLE IF NOT EXISTS job_events (
            analysis_id TEXT    NOT NULL REFERENCES jobs (analysis_id) ON DELETE CASCADE,
            sequence    INTEGER NOT NULL,
            body        TEXT    NOT NULL,
            PRIMARY KEY (analysis_id, sequence)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS job_checkpoints (
            analysis_id TEXT NOT NULL REFERENCES jobs (analysis_id) ON DELETE CASCADE,
            key         TEXT NOT NULL,
            value       TEXT NOT NULL,
            PRIMARY KEY (analysis_id, key)
        ) WITHOUT ROWID;
        PRAGMA user_version = 1;
        """;
}
