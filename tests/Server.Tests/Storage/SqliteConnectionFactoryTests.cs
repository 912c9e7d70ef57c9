using MedicalImaging.Server.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace MedicalImaging.Server.Tests.Storage;

/// <summary>
/// secure_delete (freed pages zeroed: an erased report leaves no readable remains) and the file's synchronous level
/// are set once per native connection; a connection the pool hands out again must still have them.
/// </summary>
public sealed class SqliteConnectionFactoryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("medimg-sqlite-factory-").FullName;

    [Fact]
    public async Task OpenAsync_PooledConnectionHandedOutAgain_SecureDeleteStillOn()
    {
        var factory = new SqliteConnectionFactory(Path.Combine(_directory, "test.db"));
        object? firstHandle;
        await using (var first = await factory.OpenAsync(CancellationToken.None))
        {
            firstHandle = first.Handle;
            Assert.Equal(1L, await SecureDeleteAsync(first));
        }

        await using var again = await factory.OpenAsync(CancellationToken.None);
        Assert.Same(firstHandle, again.Handle); // the pool's native connection, not a new one
        Assert.Equal(1L, await SecureDeleteAsync(again));

        // Two at once: the second is a new native connection, and gets the pragma too.
        await using var second = await factory.OpenAsync(CancellationToken.None);
        Assert.NotSame(again.Handle, second.Handle);
        Assert.Equal(1L, await SecureDeleteAsync(second));
    }

    [Fact]
    public async Task OpenAsync_SynchronousNormalFactory_EveryNativeConnectionSkipsTheCommitFsync_DefaultSyncsEach()
    {
        var normal = new SqliteConnectionFactory(Path.Combine(_directory, "normal.db"), synchronousNormal: true);
        await using (var first = await normal.OpenAsync(CancellationToken.None))
        await using (var second = await normal.OpenAsync(CancellationToken.None))
        {
            Assert.NotSame(first.Handle, second.Handle);
            Assert.Equal(1L, await PragmaAsync(first, "synchronous")); // NORMAL
            Assert.Equal(1L, await PragmaAsync(second, "synchronous"));
        }

        await using (var again = await normal.OpenAsync(CancellationToken.None))
        {
            Assert.Equal(1L, await PragmaAsync(again, "synchronous"));
        }

        var full = new SqliteConnectionFactory(Path.Combine(_directory, "full.db"));
        await using var connection = await full.OpenAsync(CancellationToken.None);
        Assert.Equal(2L, await PragmaAsync(connection, "synchronous")); // FULL, SQLite's default
    }

    private static Task<long> SecureDeleteAsync(SqliteConnection connection) => PragmaAsync(connection, "secure_delete");

    private static async Task<long> PragmaAsync(SqliteConnection connection, string pragma)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma};";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
