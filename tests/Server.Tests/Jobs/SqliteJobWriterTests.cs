using MedicalImaging.Server.Pipeline;
using MedicalImaging.Server.Pipeline.Jobs;
using MedicalImaging.Server.Pipeline.Jobs.Sqlite;

namespace MedicalImaging.Server.Tests.Jobs;

/// <summary>
/// The job store's single writer (one connection, statements prepared once, one write at a time) on a real
/// database file: many analyses writing at once keep every event, in order, and a new store sees all of it.
/// </summary>
public sealed class SqliteJobWriterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("medimg-jobwriter-").FullName;

    private string DatabasePath => Path.Combine(_directory, "jobs.db");

    private static JobRecord Job(string id) => new(
        id, "owner", null, null,
        new StoredJobRequest([new StoredJobImage(0, "chest.png", new string('a', 64), null, null, null, Inline: true)], null, null, new AnalysisSettings(false, 1024, null)),
        JobState.Queued, DateTimeOffset.UnixEpoch);

    private static JobEvent Progress(long sequence) =>
        new(sequence, new ProgressInfo(PipelineStage.Decode, (int)Math.Min(sequence, 100), $"event {sequence}", 0, null), null);

    [Fact]
    public async Task AppendEvent_TwentyAnalysesAtOnce_EveryEventStoredInOrder_CheckpointsAndStatesToo()
    {
        using var store = new SqliteJobStore(DatabasePath, TimeProvider.System);
        var ids = Enumerable.Range(0, 20).Select(i => $"ana_{i}").ToList();

        await Task.WhenAll(ids.Select(id => Task.Run(async () =>
        {
            await store.CreateOrGetAsync(Job(id), CancellationToken.None);
            for (var sequence = 1; sequence <= 30; sequence++)
            {
                await store.AppendEventAsync(id, Progress(sequence), CancellationToken.None);
            }

            await store.PutCheckpointAsync(id, "decode", "checkpoint of " + id, CancellationToken.None);
            await store.SetStateAsync(id, JobState.Succeeded, null, CancellationToken.None);
        })));

        using var reopened = new SqliteJobStore(DatabasePath, TimeProvider.System);
        foreach (var id in ids)
        {
            var events = await reopened.ReadEventsAsync(id, 0, 100, CancellationToken.None);
            Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), events.Select(e => e.Sequence));
            Assert.Equal("event 30", events[^1].Progress!.Message);
            Assert.Equal("checkpoint of " + id, await reopened.GetCheckpointAsync(id, "decode", CancellationToken.None));
            Assert.Equal(JobState.Succeeded, (await reopened.GetAsync(id, CancellationToken.None))!.State);
        }
    }

    [Fact]
    public async Task AppendEvent_AfterAConflict_TheWriterKeepsWorking()
    {
        using var store = new SqliteJobStore(DatabasePath, TimeProvider.System);
        await store.CreateOrGetAsync(Job("ana_1"), CancellationToken.None);
        await store.AppendEventAsync("ana_1", Progress(1), CancellationToken.None);

        // A duplicate sequence and an unknown job (foreign key): both refused on the shared connection.
        await Assert.ThrowsAsync<JobSequenceConflictException>(() => store.AppendEventAsync("ana_1", Progress(1), CancellationToken.None));
        await Assert.ThrowsAsync<JobSequenceConflictException>(() => store.AppendEventAsync("ana_missing", Progress(1), CancellationToken.None));
        await store.AppendEventAsync("ana_1", Progress(2), CancellationToken.None);

        Assert.Equal([1L, 2L], (await store.ReadEventsAsync("ana_1", 0, 10, CancellationToken.None)).Select(e => e.Sequence));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
