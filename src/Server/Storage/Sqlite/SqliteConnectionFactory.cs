using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace MedicalImaging.Server.Storage.Sqlite;

/// <summary>Opens pooled connections to the embedded database file, and hands out this process's turns to write.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The write-turn SemaphoreSlim never creates its wait handle (only WaitAsync/Release are used), so it holds nothing to dispose; the factory lives as long as the process.")]
public sealed class SqliteConnectionFactory
{
    private readonly string _connectionString;

    /// <summary>Native connections (the pool reuses them) that already have secure_delete on: a pragma lasts for the connection's life.</summary>
    private readonly ConditionalWeakTable<object, object> _secured = [];

    /// <summary>One writer at a time in this process (SQLite allows one per file anyway).</summary>
    private readonly SemaphoreSlim _writeTurn = new(1, 1);

    private readonly string _connectionPragmas;

    /// <param name="databasePath">The database file (created 0600 when missing).</param>
    /// <param name="synchronousNormal">
    /// Whether commits skip the fsync of the WAL (synchronous=NORMAL: durable across a process crash, the last commits
    /// may be lost on power loss, the file stays consistent) instead of syncing each one (FULL, SQLite's default). A
    /// pragma holds per connection, so it is set on every native connection the pool makes, like secure_delete.
    /// </param>
    public SqliteConnectionFactory(string databasePath, bool synchronousNormal = false)
    {
        _connectionPragmas = "PRAGMA secure_delete = ON;" + (synchronousNormal ? " PRAGMA synchronous = NORMAL;" : string.Empty);
        DatabasePath = databasePath;
        CreatePrivately(databasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The database file.</summary>
    public string DatabasePath { get; }

    /// <summary>An open connection; dispose it to return it to the pool.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        if (connection.Handle is { } handle && _secured.TryGetValue(handle, out _))
        {
            return connection;
        }

        await using (var command = connection.CreateCommand())
        {
            // Deleted rows (a report erased on request, its heatmaps) are overwritten with zeros, not left in free pages;
            // and the durability chosen for this file.
            command.CommandText = _connectionPragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        if (connection.Handle is { } opened)
        {
            _secured.AddOrUpdate(opened, opened);
        }

        return connection;
    }

    /// <summary>
    /// Waits for this process's turn to write to the file; dispose the answer to pass the turn on. Writers that queue
    /// here instead of racing into SQLite never meet its busy handler, which blocks a thread and sleeps before retrying
    /// (a collision cost an analysis's store up to that sleep under load). Readers never wait (WAL).
    /// </summary>
    public async Task<IDisposable> WaitForWriteTurnAsync(CancellationToken cancellationToken)
    {
        await _writeTurn.WaitAsync(cancellationToken);
        return new WriteTurn(_writeTurn);
    }

    private sealed class WriteTurn(SemaphoreSlim turn) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                turn.Release();
            }
        }
    }

    /// <summary>
    /// Creates the database file 0600 in a 0700 folder before SQLite opens it: SQLite gives the -wal and -shm
    /// files the database file's mode, so all three stay readable by the server's account alone.
    /// </summary>
    private static void CreatePrivately(string databasePath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(databasePath))!;
        Uploads.PrivateFiles.CreateFolder(folder);
        if (!File.Exists(databasePath))
        {
            using var _ = new FileStream(databasePath, Uploads.PrivateFiles.CreateNew(useAsync: false));
        }

        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            Uploads.PrivateFiles.Restrict(databasePath + suffix);
        }
    }
}
