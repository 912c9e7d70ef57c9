using MedicalImaging.Server.Storage;
using MedicalImaging.Server.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace MedicalImaging.Server.Tests.Storage;

/// <summary>The repository contract against a real SQLite file.</summary>
public sealed class SqliteReportRepositoryTests : ReportRepositoryContract
{
    private string _directory = string.Empty;

    protected override Task<IReportRepository> CreateAsync()
    {
        _directory = Directory.CreateTempSubdirectory("medimg-sqlite-").FullName;
        return Task.FromResult<IReportRepository>(new SqliteReportRepository(new SqliteConnectionFactory(Path.Combine(_directory, "test.db"))));
    }

    protected override Task CleanupAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Database_UsesWriteAheadLog()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "test.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }
}
