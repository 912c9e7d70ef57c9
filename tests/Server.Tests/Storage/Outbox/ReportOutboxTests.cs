using MedicalImaging.Server.Uploads;
using MedicalImaging.Server.Storage;
using MedicalImaging.Server.Storage.Outbox;

namespace MedicalImaging.Server.Tests.Storage.Outbox;

/// <summary>The outbox file itself: a real SQLite file, reopened as after a restart.</summary>
public sealed class ReportOutboxTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("medimg-outbox-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static OutboxEntry Entry(string owner, DateTimeOffset createdAt, string? caseId = null)
    {
        var report = ReportRepositoryContract.NewReport(owner, createdAt, caseId);
        return new OutboxEntry(report, new StoredEmbedding(report.Id, owner, "hashing-v1-4", [0.5f, -0.25f, 0.125f, 1f], report.Modality, report.BodyPart)
        {
            SimilarTo = [new SimilarLink("rpt_other", 0.75)],
        }, [new StoredHeatmap(0, [1, 2, 3, 4]), new StoredHeatmap(1, [5, 6])]);
    }

    [Fact]
    public async Task AddAsync_ThenReopened_RoundTripsTheWholeWriteInAPrivateFile()
    {
        var entry = Entry("alice", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
        var outbox = OutboxTestParts.NewOutbox(_directory);
        await outbox.InitializeAsync(CancellationToken.None);
        await outbox.AddAsync(entry, "HttpRequestException: refused", CancellationToken.None);

        var reopened = OutboxTestParts.NewOutbox(_directory);
        await reopened.InitializeAsync(CancellationToken.None);
        var loaded = await reopened.LoadAsync(entry.Report.Id, CancellationToken.None);

        Assert.NotNull(loaded);
        Assert.Equal(entry.Report.Id, loaded.Report.Id);
        Assert.Equal(entry.Report.CreatedAt, loaded.Report.CreatedAt);
        Assert.Equal(entry.Report.Findings.Select(f => f.Description), loaded.Report.Findings.Select(f => f.Description));
        Assert.Equal(entry.Report.Citations.Select(c => c.Pmid), loaded.Report.Citations.Select(c => c.Pmid));
        Assert.Equal(entry.Embedding.Vector, loaded.Embedding.Vector);
        Assert.Equal(entry.Embedding.Model, loaded.Embedding.Model);
        Assert.Equal("rpt_other", Assert.Single(loaded.Embedding.SimilarTo).ReportId);
        Assert.Equal([[1, 2, 3, 4], [5, 6]], loaded.Heatmaps.Select(h => h.Png));
        Assert.Equal(1, await reopened.CountAsync(CancellationToken.None));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(reopened.DatabasePath));
        }
    }

    [Fact]
    public async Task AddAsync_SameReportTwice_KeepsOneEntry()
    {
        var entry = Entry("alice", DateTimeOffset.UtcNow);
        var outbox = OutboxTestParts.NewOutbox(_directory);
        await outbox.InitializeAsync(CancellationToken.None);
        await outbox.AddAsync(entry, "first", CancellationToken.None);
        await outbox.AddAsync(entry with { Heatmaps = [new StoredHeatmap(0, [9])] }, "second", CancellationToken.None);

        Assert.Equal(1, await outbox.CountAsync(CancellationToken.None));
        Assert.Equal([9], Assert.Single((await outbox.LoadAsync(entry.Report.Id, CancellationToken.None))!.Heatmaps).Png);
    }

    [Fact]
    public async Task Reads_AreScopedToTheOwnerAndMarkedPending()
    {
        var outbox = OutboxTestParts.NewOutbox(_directory);
        await outbox.InitializeAsync(CancellationToken.None);
        var start = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        var older = Entry("alice", start, caseId: "case-1");
        var newer = Entry("alice", start.AddMinutes(1));
        var other = Entry("bob", start.AddMinutes(2));
        foreach (var entry in new[] { older, newer, other })
        {
            await outbox.AddAsync(entry, "down", CancellationToken.None);
        }

        Assert.True((await outbox.GetAsync("alice", older.Report.Id, CancellationToken.None))!.StoragePending);
        Assert.Null(await outbox.GetAsync("alice", other.Report.Id, CancellationToken.None));
        Assert.Null(await outbox.GetHeatmapAsync("alice", other.Report.Id, 0, CancellationToken.None));
        Assert.Equal([1, 2, 3, 4], await outbox.GetHeatmapAsync("alice", older.Report.Id, 0, CancellationToken.None));

        var all = await outbox.ListAsync(new ReportListQuery("alice", 10, null, null, null), CancellationToken.None);
        Assert.Equal([newer.Report.Id, older.Report.Id], all.Select(r => r.Id));
        Assert.All(all, r => Assert.True(r.StoragePending));
        var byCase = await outbox.ListAsync(new ReportListQuery("alice", 10, null, "case-1", null), CancellationToken.None);
        Assert.Equal(older.Report.Id, Assert.Single(byCase).Id);
        var afterNewer = await outbox.ListAsync(
            new ReportListQuery("alice", 10, new ReportCursor(newer.Report.CreatedAt.ToUnixTimeMilliseconds(), newer.Report.Id), null, null), CancellationToken.None);
        Assert.Equal(older.Report.Id, Assert.Single(afterNewer).Id);

        Assert.Equal([older.Report.Images[0].ImageId], await outbox.FindReferencedImagesAsync("alice", [older.Report.Images[0].ImageId, "b" + new string('0', 63)], CancellationToken.None));
        Assert.Equal(newer.Report.Id, (await outbox.FindCachedAsync("alice", "k", start, CancellationToken.None))!.Id);
    }

    [Fact]
    public async Task RemoveAsync_ByAnotherOwner_KeepsIt_ByTheOwner_ErasesItWithItsHeatmaps()
    {
        var entry = Entry("alice", DateTimeOffset.UtcNow);
        var outbox = OutboxTestParts.NewOutbox(_directory);
        await outbox.InitializeAsync(CancellationToken.None);
        await outbox.AddAsync(entry, "down", CancellationToken.None);

        Assert.False(await outbox.RemoveAsync("bob", entry.Report.Id, CancellationToken.None));
        Assert.True(await outbox.RemoveAsync("alice", entry.Report.Id, CancellationToken.None));
        Assert.Null(await outbox.LoadAsync(entry.Report.Id, CancellationToken.None));
        Assert.Null(await outbox.GetHeatmapAsync("alice", entry.Report.Id, 0, CancellationToken.None));
        Assert.Equal(0, await outbox.CountAsync(CancellationToken.None));
    }
}
