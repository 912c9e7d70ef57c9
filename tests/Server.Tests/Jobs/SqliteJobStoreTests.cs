using MedicalImaging.Server.Uploads;
using MedicalImaging.Server.Pipeline;
using MedicalImaging.Server.Pipeline.Jobs;
using MedicalImaging.Server.Pipeline.Jobs.Sqlite;

namespace MedicalImaging.Server.Tests.Jobs;

/// <summary>The SQLite job store on a real database file: the contract a clustered store must keep too.</summary>
public sealed class SqliteJobStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("medimg-jobs-").FullName;
    private readonly SteppingClock _clock = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private SqliteJobStore Open() => new(Path.Combine(_directory, "jobs.db"), _clock);

    private JobRecord Job(string id, string owner = "owner", string? requestId = null) => new(
        id, owner, requestId, "case-1",
        new StoredJobRequest([new StoredJobImage(0, "chest.png", new string('a', 64), "CR", "CHEST", null, Inline: true)], "case-1", null, new AnalysisSettings(false, 1024, null)),
        JobState.Queued, _clock.GetUtcNow());

    private static JobEvent Progress(long sequence, int percent = 10) =>
        new(sequence, new ProgressInfo(PipelineStage.Decode, percent, $"step {sequence}", 0, null), null);

    [Fact]
    public async Task CreateOrGet_NewJob_StoredWithRequestImageIdsAndNoBytes()
    {
        var store = Open();
        var (job, created) = await store.CreateOrGetAsync(Job("ana_1"), CancellationToken.None);

        Assert.True(created);
        var read = await store.GetAsync("ana_1", CancellationToken.None);
        Assert.NotNull(read);
        Assert.Equal(job.Request.Images[0].ImageId, read.Request.Images[0].ImageId);
        Assert.Equal("CHEST", read.Request.Images[0].BodyPartHint);
        Assert.Equal(JobState.Queued, read.State);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(store.DatabasePath));
        }
    }

    [Fact]
    public async Task CreateOrGet_SameOwnerAndRequestId_ReturnsTheFirstJob_OtherOwnerGetsOwn()
    {
        var store = Open();
        await store.CreateOrGetAsync(Job("ana_1", "alice", "req-1"), CancellationToken.None);

        var (again, createdAgain) = await store.CreateOrGetAsync(Job("ana_2", "alice", "req-1"), CancellationToken.None);
        var (other, createdOther) = await store.CreateOrGetAsync(Job("ana_3", "bob", "req-1"), CancellationToken.None);

        Assert.False(createdAgain);
        Assert.Equal("ana_1", again.AnalysisId);
        Assert.True(createdOther);
        Assert.Equal("ana_3", other.AnalysisId);
        Assert.Null(await store.GetAsync("ana_2", CancellationToken.None));
    }

    [Fact]
    public async Task AppendEvent_SequenceNotNext_Conflict_LogUnchanged()
    {
        var store = Open();
        await store.CreateOrGetAsync(Job("ana_1"), CancellationToken.None);
        await store.AppendEventAsync("ana_1", Progress(1), CancellationToken.None);
        await store.AppendEventAsync("ana_1", Progress(2), CancellationToken.None);

        await Assert.ThrowsAsync<JobSequenceConflictException>(() => store.AppendEventAsync("ana_1", Progress(2), CancellationToken.None));
        await Assert.ThrowsAsync<JobSequenceConflictException>(() => store.AppendEventAsync("ana_1", Progress(4), CancellationToken.None));
        await Assert.ThrowsAsync<JobSequenceConflictException>(() => store.AppendEventAsync("ana_unknown", Progress(1), CancellationToken.None));

        var events = await store.ReadEventsAsync("ana_1", 0, 100, CancellationToken.None);
        Assert.Equal([1L, 2L], events.Select(e => e.Sequence));
        Assert.Equal("step 2", events[1].Progress!.Message);
    }

    [Fact]
    public async Task ReadEvents_AfterN_ReturnsTheRestInOrder_AlsoFromANewStoreOnTheSameFile()
    {
        var store = Open();
        await store.CreateOrGetAsync(Job("ana_1"), CancellationToken.None);
        for (var i = 1; i <= 5; i++)
        {
            await store.AppendEventAsync("ana_1", Progress(i, i * 10), CancellationToken.None);
        }

        await store.AppendEventAsync("ana_1", new JobEvent(6, null, new JobOutcome("rpt_1", Cached: false, Degraded: true)), CancellationToken.None);

        var reopened = Open();
        var after = await reopened.ReadEventsAsync("ana_1", 3, 100, CancellationToken.None);
        Assert.Equal([4L, 5L, 6L], after.Select(e => e.Sequence));
        Assert.Equal(new JobOutcome("rpt_1", false, true), after[^1].Outcome);
        Assert.Equal(2, (await reopened.ReadEventsAsync("ana_1", 0, 2, CancellationToken.None)).Count);
        Assert.Equal(6, (await reopened.ReadLastEventAsync("ana_1", CancellationToken.None))!.Sequence);
    }

    [Fact]
    public async Task Checkpoint_PutThenGet_RoundTrips_PutAgainReplaces()
    {
        var store = Open();
        await store.CreateOrGetAsync(Job("ana_1"), CancellationToken.None);
        Assert.Null(await store.GetCheckpointAsync("ana_1", "vision", CancellationToken.None));

        await store.PutCheckpointAsync("ana_1", "vision", "{\"a\":1}", CancellationToken.None);
        await store.PutCheckpointAsync("ana_1", "report", "{\"b\":2}", CancellationToken.None);
        await store.PutCheckpointAsync("ana_1", "vision", "{\"a\":3}", CancellationToken.None);

        Assert.Equal("{\"a\":3}", await Open().GetCheckpointAsync("ana_1", "vision", CancellationToken.None));
        Assert.Equal("{\"b\":2}", await Open().GetCheckpointAsync("ana_1", "report", CancellationToken.None));
    }

    [Fact]
    public async Task ClaimUnfinished_ReturnsQueuedAndRunning_NotFinished()
    {
        var store = Open();
        foreach (var id in new[] { "ana_q", "ana_r", "ana_s", "ana_f" })
        {
            await store.CreateOrGetAsync(Job(id), CancellationToken.None);
        }

        await store.SetStateAsync("ana_r", JobState.Running, null, CancellationToken.None);
        await store.SetStateAsync("ana_s", JobState.Succeeded, null, CancellationToken.None);
        await store.SetStateAsync("ana_f", JobState.Failed, new JobFailure(3, "bad image", "images[0]"), CancellationToken.None);

        var claimed = await store.ClaimUnfinishedAsync("worker-1", CancellationToken.None);

        Assert.Equal(["ana_q", "ana_r"], claimed.Select(j => j.AnalysisId).Order());
        var failed = await store.GetAsync("ana_f", CancellationToken.None);
        Assert.Equal(new JobFailure(3, "bad image", "images[0]"), failed!.Failure);
        Assert.NotNull(failed.FinishedAt);
    }

    [Fact]
    public async Task ClaimUnfinished_JobsThisWorkerAcceptedOrAlreadyClaimed_NotReturned()
    {
        var store = Open();
        await store.CreateOrGetAsync(Job("ana_mine") with { ClaimedBy = "worker-2" }, CancellationToken.None);
        await store.CreateOrGetAsync(Job("ana_left") with { ClaimedBy = "worker-1" }, CancellationToken.None);

        var claimed = await store.ClaimUnfinishedAsync("worker-2", CancellationToken.None);
        var again = await store.ClaimUnfinishedAsync("worker-2", CancellationToken.None);

        Assert.Equal(["ana_left"], claimed.Select(j => j.AnalysisId));
        Assert.Equal("worker-2", claimed[0].ClaimedBy);
        Assert.Empty(again);
    }

    [Fact]
    public async Task DeleteFinishedBefore_RemovesOldFinishedJobsWithEventsAndCheckpoints_KeepsRecentAndUnfinished()
    {
        var store = Open();
        foreach (var id in new[] { "ana_old", "ana_running" })
        {
            await store.CreateOrGetAsync(Job(id), CancellationToken.None);
            await store.AppendEventAsync(id, Progress(1), CancellationToken.None);
            await store.PutCheckpointAsync(id, "report", "patient-derived text", CancellationToken.None);
        }

        await store.SetStateAsync("ana_old", JobState.Succeeded, null, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(31));
        await store.CreateOrGetAsync(Job("ana_recent"), CancellationToken.None);
        await store.SetStateAsync("ana_recent", JobState.Failed, new JobFailure(13, "x"), CancellationToken.None);

        var deleted = await store.DeleteFinishedBeforeAsync(_clock.GetUtcNow() - TimeSpan.FromMinutes(30), CancellationToken.None);

        Assert.Equal(1, deleted);
        Assert.Null(await store.GetAsync("ana_old", CancellationToken.None));
        Assert.Empty(await store.ReadEventsAsync("ana_old", 0, 10, CancellationToken.None));
        Assert.Null(await store.GetCheckpointAsync("ana_old", "report", CancellationToken.None));
        Assert.NotNull(await store.GetAsync("ana_recent", CancellationToken.None));
        Assert.NotNull(await store.GetCheckpointAsync("ana_running", "report", CancellationToken.None));
        // The old job's request id is free again once its job is gone.
        Assert.True((await store.CreateOrGetAsync(Job("ana_new", requestId: null), CancellationToken.None)).Created);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>A clock the test moves.</summary>
    private sealed class SteppingClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
