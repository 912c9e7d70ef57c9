using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace MedicalImaging.Server.Storage.Sqlite;

/// <summary>Opens pooled connections to the embedded database file.</summary>
public sealed class SqliteConnectionFactory
{
    private readonly string _connectionString;

    /// <summary>Native connections (the pool reuses them) that already have secure_delete on: a pragma lasts for the connection's life.</summary>
    private readonly ConditionalWeakTable<object, object> _secured = [];

    public SqliteConnectionFactory(string databasePath)
    {
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
            // Deleted rows (a report erased on request, its heatmaps) are overwritten with zeros, not left in free pages.
            command.CommandText = "PRAGMA secure_delete = ON;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        if (connection.Handle is { } opened)
        {
            _secured.AddOrUpdate(opened, opened);
        }

        return connection;
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
