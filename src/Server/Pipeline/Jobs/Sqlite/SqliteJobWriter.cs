using MedicalImaging.Server.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace MedicalImaging.Server.Pipeline.Jobs.Sqlite;

/// <summary>
/// The job database's single writer: one open connection, one statement at a time, each statement prepared
/// once and reused. Serialising in process costs nothing SQLite does not already impose (one writer per
/// database), and it spares a writer that loses the race SQLite's busy handler, which sleeps before retrying.
/// Every statement still commits on its own (autocommit, WAL, synchronous=NORMAL), exactly as before.
/// </summary>
internal sealed class SqliteJobWriter : IDisposable
{
    private const int ConstraintViolation = 19;
    private readonly SqliteConnectionFactory _connections;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private SqliteConnection? _connection;
    private bool _disposed;

    public SqliteJobWriter(SqliteConnectionFactory connections) => _connections = connections;

    /// <summary>Runs one write statement; answers the rows it changed.</summary>
    public Task<int> ExecuteAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken) =>
        RunAsync(sql, bind, command => command.ExecuteNonQueryAsync(cancellationToken), cancellationToken);

    /// <summary>Runs one write statement that returns rows (RETURNING) and reads them with <paramref name="read"/>.</summary>
    public Task<T> QueryAsync<T>(string sql, Action<SqliteCommand> bind, Func<SqliteCommand, Task<T>> read, CancellationToken cancellationToken) =>
        RunAsync(sql, bind, read, cancellationToken);

    public void Dispose()
    {
        _lock.Wait();
        try
        {
            _disposed = true;
            Close();
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<T> RunAsync<T>(string sql, Action<SqliteCommand> bind, Func<SqliteCommand, Task<T>> run, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _connection ??= await _connections.OpenAsync(cancellationToken);
            if (!_commands.TryGetValue(sql, out var command))
            {
                command = _connection.CreateCommand();
                command.CommandText = sql;
                _commands[sql] = command;
            }

            command.Parameters.Clear();
            bind(command);
            try
            {
                return await run(command);
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode != ConstraintViolation)
            {
                // A broken connection (I/O error, database replaced) is not reused: the next write opens a fresh one.
                Close();
                throw;
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    private void Close()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        _connection?.Dispose();
        _connection = null;
    }
}
