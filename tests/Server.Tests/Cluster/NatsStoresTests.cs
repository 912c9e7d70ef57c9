using MedicalImaging.Server.Cluster;
using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Pipeline;
using MedicalImaging.Server.Pipeline.Jobs;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.ObjectStore;

namespace MedicalImaging.Server.Tests.Cluster;

/// <summary>
/// The JetStream stores against a real nats-server, each "replica" its own client and store instance sharing one
/// prefix: the events log refuses a second writer of the same sequence, and images are shared but held per user.
/// </summary>
public sealed class NatsStoresTests : IAsyncLifetime
{
    private readonly string _prefix = NatsTestServer.NewPrefix();
    private readonly List<NatsConnection> _connections = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task AppendEvent_SameSequenceFromTwoReplicas_SecondRefused_LogReadsTheSameOnBoth()
    {
        var a = new NatsJobStore(Layout(), Js(), TimeProvider.System);
        var b = new NatsJobStore(Layout(), Js(), TimeProvider.System);
        var id = IdGenerator.New("ana");

        await a.AppendEventAsync(id, Event(1), CancellationToken.None);
        await a.AppendEventAsync(id, Event(2), CancellationToken.None);
        // B resumes after A: it finds event 2 last and appends 3; A, cut off, then tries its own 3 and is refused.
        Assert.Equal(2, (await b.ReadLastEventAsync(id, CancellationToken.None))!.Sequence);
        await b.AppendEventAsync(id, Event(3), CancellationToken.None);
        var conflict = await Assert.ThrowsAsync<JobSequenceConflictException>(() => a.AppendEventAsync(id, Event(3), CancellationToken.None));
        Assert.Equal(3, conflict.Sequence);
        await Assert.ThrowsAsync<JobSequenceConflictException>(() => b.AppendEventAsync(id, Event(5), CancellationToken.None));
        await Assert.ThrowsAsync<JobSequenceConflictException>(() => b.AppendEventAsync(id, Event(1), CancellationToken.None));

        var fresh = new NatsJobStore(Layout(), Js(), TimeProvider.System);
        Assert.Equal([1L, 2, 3], (await fresh.ReadEventsAsync(id, 0, 100, CancellationToken.None)).Select(e => e.Sequence));
        Assert.Equal([2L, 3], (await a.ReadEventsAsync(id, 1, 100, CancellationToken.None)).Select(e => e.Sequence));
        Assert.Equal(["step 3"], (await fresh.ReadEventsAsync(id, 2, 100, CancellationToken.None)).Select(e => e.Progress!.Message));
        Assert.Empty(await fresh.ReadEventsAsync("not.a-token*", 0, 100, CancellationToken.None));
    }

    [Fact]
    public async Task CreateOrGet_SameRequestIdTwice_OneJobWins_TheOtherFollowsIt()
    {
        var a = new NatsJobStore(Layout(), Js(), TimeProvider.System);
        var b = new NatsJobStore(Layout(), Js(), TimeProvider.System);
        var first = Job(IdGenerator.New("ana"), "owner.with dots*", "retry-1");
        var second = Job(IdGenerator.New("ana"), "owner.with dots*", "retry-1");

        Assert.True((await a.CreateOrGetAsync(first, CancellationToken.None)).Created);
        var (job, created) = await b.CreateOrGetAsync(second, CancellationToken.None);

        Assert.False(created);
        Assert.Equal(first.AnalysisId, job.AnalysisId);
        Assert.Null(await a.GetAsync(second.AnalysisId, CancellationToken.None));
        Assert.Equal(first.AnalysisId, (await b.FindByRequestIdAsync("owner.with dots*", "retry-1", CancellationToken.None))!.AnalysisId);
        Assert.Null(await b.FindByRequestIdAsync("someone else", "retry-1", CancellationToken.None));

        await b.SetStateAsync(first.AnalysisId, JobState.Succeeded, null, CancellationToken.None);
        Assert.Equal(1, await a.DeleteFinishedBeforeAsync(DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None));
        Assert.Null(await b.GetAsync(first.AnalysisId, CancellationToken.None));
        Assert.Null(await b.FindByRequestIdAsync("owner.with dots*", "retry-1", CancellationToken.None));
    }

    [Fact]
    public async Task Images_SharedAcrossReplicas_DedupAnsweredPerUser_LastHolderErases()
    {
        var data = Directory.CreateTempSubdirectory("medimg-nats-images-").FullName;
        try
        {
            var layout = Layout();
            var a = new NatsImageStore(layout, data);
            var b = new NatsImageStore(Layout(), data);
            var bytes = MedicalImaging.Tests.Support.TestImages.ChestPhantomPng(48, seed: 171);

            var id = await a.SaveAsync("alice", bytes, CancellationToken.None);
            Assert.Equal(bytes, await b.ReadAsync("alice", id, long.MaxValue, CancellationToken.None));
            Assert.True(await UploadAsync(b, "alice", bytes));
            // Bob sends the same bytes: stored once, but he is not told someone else had them.
            Assert.False(await UploadAsync(b, "bob", bytes));
            await Assert.ThrowsAsync<ResourceNotFoundException>(() => a.ReadAsync("carol", id, long.MaxValue, CancellationToken.None));
            await Assert.ThrowsAsync<InvalidRequestException>(() => a.ReadAsync("bob", id, bytes.Length - 1, CancellationToken.None));
            Assert.Equal(bytes.Length, a.UsedBytes("bob"));

            await a.ForgetAsync("alice", id, CancellationToken.None);
            await Assert.ThrowsAsync<ResourceNotFoundException>(() => b.ReadAsync("alice", id, long.MaxValue, CancellationToken.None));
            Assert.Equal(bytes, await b.ReadAsync("bob", id, long.MaxValue, CancellationToken.None));
            await b.ForgetAsync("bob", id, CancellationToken.None);
            Assert.Equal(0, a.UsedBytes("bob"));
            var handles = await layout.ReadyAsync(CancellationToken.None);
            await Assert.ThrowsAsync<NatsObjNotFoundException>(async () => await handles.Images.GetInfoAsync(id));
            Assert.Empty(Directory.EnumerateFiles(Path.Combine(data, "tmp")));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<bool> UploadAsync(NatsImageStore store, string owner, byte[] bytes)
    {
        await using var upload = store.BeginUpload(owner, long.MaxValue);
        await upload.AppendAsync(bytes, CancellationToken.None);
        return (await upload.CompleteAsync(null, CancellationToken.None)).Deduplicated;
    }

    private static JobEvent Event(long sequence) => new(sequence, new ProgressInfo(PipelineStage.Decode, (int)sequence, $"step {sequence}", 0, null), null);

    private static JobRecord Job(string analysisId, string owner, string requestId) =>
        new(analysisId, owner, requestId, null, new StoredJobRequest([], null, null, new AnalysisSettings(false, AnalysisSettings.DefaultMaxDimension, null)), JobState.Queued, DateTimeOffset.UtcNow);

    private NatsJSContext Js()
    {
        var connection = new NatsConnection(NatsOpts.Default with { Url = NatsTestServer.Url() });
        _connections.Add(connection);
        return new NatsJSContext(connection);
    }

    private ClusterLayout Layout() => new(Js(), Options.Create(new ClusterOptions { Mode = "nats", Prefix = _prefix }));
}
