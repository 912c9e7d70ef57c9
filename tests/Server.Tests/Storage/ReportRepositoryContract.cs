using MedicalImaging.Imaging;
using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Reports;
using MedicalImaging.Server.Storage;

namespace MedicalImaging.Server.Tests.Storage;

/// <summary>Behaviour every <see cref="IReportRepository"/> must have; one subclass per implementation.</summary>
public abstract class ReportRepositoryContract : IAsyncLifetime
{
    protected IReportRepository Repository { get; private set; } = null!;

    protected abstract Task<IReportRepository> CreateAsync();

    protected virtual Task CleanupAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        Repository = await CreateAsync();
        await Repository.InitializeAsync(CancellationToken.None);
    }

    public Task DisposeAsync() => CleanupAsync();

    public static MedicalReport NewReport(string owner, DateTimeOffset createdAt, string? caseId = null, string modality = "CR", string cacheKey = "k") => new()
    {
        Id = IdGenerator.New("rpt"),
        AnalysisId = IdGenerator.New("ana"),
        OwnerId = owner,
        CaseId = caseId,
        CreatedAt = createdAt,
        Modality = modality,
        BodyPart = "CHEST",
        ClinicalContext = new ClinicalContextInfo(50, "female", "cough", null, ["fever"]),
        Technique = "t",
        Comparison = "None available.",
        Findings = [new ReportFinding("f1", "Opacity", "right upper lobe", FindingSeverity.Moderate, 0.7, 0, new NormalizedBox(0.1, 0.2, 0.3, 0.4), "local")],
        Impression = "impression",
        Recommendations = ["review"],
        Limitations = ["local"],
        Disclaimer = "NOT FOR DIAGNOSTIC USE",
        OverallSeverity = FindingSeverity.Moderate,
        KeyFindings = ["Opacity"],
        ReportText = "text",
        Citations = [new LiteratureCitation("123", "Title", ["A B"], "J", 2020, null, "https://pubmed.ncbi.nlm.nih.gov/123/")],
        Images = [new AnalyzedImage
        {
            Index = 0, ImageId = new string('a', 64), Filename = "x.png", Format = "png", Width = 10, Height = 10, Modality = modality,
            Measurements = new Dictionary<string, double> { ["mean"] = 1.5 }, QualityFlags = ["noise"],
            Preprocessing = new Dictionary<string, string> { ["scale"] = "1" }, HeatmapMethod = "m",
        }],
        CacheKey = cacheKey,
        Provenance = new ReportProvenance
        {
            Provider = "local", Model = "quantitative-v1", Degraded = false, Attempts = [new ProviderAttemptRecord("local", "m", "success", 1, 0, 0, null)],
            PipelineVersion = "v", EmbeddingModel = "hashing-v1-4", EmbeddingDimension = 4,
            StageMillis = new Dictionary<string, double> { ["decode"] = 1 }, PromptHashes = new Dictionary<string, string>(), LiteratureStatus = "x",
        },
    };

    private Task SaveAsync(MedicalReport report, params StoredHeatmap[] heatmaps) =>
        Repository.SaveAsync(report, new StoredEmbedding(report.Id, report.OwnerId, "hashing-v1-4", [0.5f, 0.5f, 0.5f, 0.5f], report.Modality, report.BodyPart), heatmaps, CancellationToken.None);

    [Fact]
    public async Task SaveThenGet_RoundTripsEveryField()
    {
        var report = NewReport("u1", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
        await SaveAsync(report);
        var loaded = await Repository.GetAsync("u1", report.Id, CancellationToken.None);
        Assert.NotNull(loaded);
        Assert.Equal(report.Id, loaded.Id);
        Assert.Equal(report.CreatedAt, loaded.CreatedAt);
        Assert.Equal(report.Findings, loaded.Findings);
        Assert.Equal(report.Citations[0].Authors, loaded.Citations[0].Authors);
        Assert.Equal(1.5, loaded.Images[0].Measurements["mean"]);
        Assert.Equal(report.ClinicalContext!.Symptoms, loaded.ClinicalContext!.Symptoms);
        Assert.Equal(report.Provenance.Attempts, loaded.Provenance.Attempts);
    }

    [Fact]
    public async Task Get_OtherOwner_Null()
    {
        var report = NewReport("u1", DateTimeOffset.UtcNow);
        await SaveAsync(report);
        Assert.Null(await Repository.GetAsync("u2", report.Id, CancellationToken.None));
    }

    [Fact]
    public async Task List_KeysetPagesNewestFirst_FiltersByCaseAndModality()
    {
        var start = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        var reports = Enumerable.Range(0, 5).Select(i => NewReport("lister", start.AddMinutes(i), caseId: i < 3 ? "c1" : "c2", modality: i == 4 ? "CT" : "CR")).ToList();
        foreach (var r in reports)
        {
            await SaveAsync(r);
        }

        var first = await Repository.ListAsync(new ReportListQuery("lister", 2, null, null, null), CancellationToken.None);
        Assert.Equal([reports[4].Id, reports[3].Id], first.Reports.Select(r => r.Id));
        var second = await Repository.ListAsync(new ReportListQuery("lister", 2, first.Next, null, null), CancellationToken.None);
        Assert.Equal([reports[2].Id, reports[1].Id], second.Reports.Select(r => r.Id));
        var third = await Repository.ListAsync(new ReportListQuery("lister", 2, second.Next, null, null), CancellationToken.None);
        Assert.Equal([reports[0].Id], third.Reports.Select(r => r.Id));
        Assert.Null(third.Next);

        var byCase = await Repository.ListAsync(new ReportListQuery("lister", 10, null, "c1", null), CancellationToken.None);
        Assert.Equal(3, byCase.Reports.Count);
        var byModality = await Repository.ListAsync(new ReportListQuery("lister", 10, null, null, "CT"), CancellationToken.None);
        Assert.Equal(reports[4].Id, Assert.Single(byModality.Reports).Id);
    }

    [Fact]
    public async Task Delete_RemovesReportHeatmapAndEmbedding_OnlyForOwner()
    {
        var report = NewReport("del", DateTimeOffset.UtcNow);
        await SaveAsync(report, new StoredHeatmap(0, [1, 2, 3]));
        Assert.Equal(new byte[] { 1, 2, 3 }, await Repository.GetHeatmapAsync("del", report.Id, 0, CancellationToken.None));
        Assert.False(await Repository.DeleteAsync("other", report.Id, CancellationToken.None));
        Assert.True(await Repository.DeleteAsync("del", report.Id, CancellationToken.None));
        Assert.Null(await Repository.GetAsync("del", report.Id, CancellationToken.None));
        Assert.Null(await Repository.GetHeatmapAsync("del", report.Id, 0, CancellationToken.None));
        await foreach (var e in Repository.ReadEmbeddingsAsync(CancellationToken.None))
        {
            Assert.NotEqual(report.Id, e.ReportId);
        }
    }

    [Fact]
    public async Task FindReferencedImages_OnlyTheOwnersRemainingReportsCount()
    {
        var named = new string('a', 64); // NewReport's image
        var unnamed = new string('b', 64);
        var report = NewReport("images", DateTimeOffset.UtcNow);
        await SaveAsync(report);

        Assert.Equal(named, Assert.Single(await Repository.FindReferencedImagesAsync("images", [named, unnamed], CancellationToken.None)));
        Assert.Empty(await Repository.FindReferencedImagesAsync("someone-else", [named], CancellationToken.None));
        Assert.True(await Repository.DeleteAsync("images", report.Id, CancellationToken.None));
        Assert.Empty(await Repository.FindReferencedImagesAsync("images", [named], CancellationToken.None));
    }

    [Fact]
    public async Task FindCached_RespectsOwnerKeyAndAge()
    {
        var now = DateTimeOffset.UtcNow;
        var report = NewReport("cache", now.AddMinutes(-10), cacheKey: "same");
        await SaveAsync(report);
        Assert.Equal(report.Id, (await Repository.FindCachedAsync("cache", "same", now.AddMinutes(-30), CancellationToken.None))?.Id);
        Assert.Null(await Repository.FindCachedAsync("cache", "same", now.AddMinutes(-5), CancellationToken.None));
        Assert.Null(await Repository.FindCachedAsync("cache", "other", now.AddMinutes(-30), CancellationToken.None));
        Assert.Null(await Repository.FindCachedAsync("someone", "same", now.AddMinutes(-30), CancellationToken.None));
    }

    [Fact]
    public async Task ReadEmbeddings_ReturnsVectorsWithOwnerAndModel()
    {
        var report = NewReport("emb", DateTimeOffset.UtcNow);
        await SaveAsync(report);
        var all = new List<StoredEmbedding>();
        await foreach (var e in Repository.ReadEmbeddingsAsync(CancellationToken.None))
        {
            all.Add(e);
        }

        var mine = Assert.Single(all, e => e.ReportId == report.Id);
        Assert.Equal("emb", mine.OwnerId);
        Assert.Equal("hashing-v1-4", mine.Model);
        Assert.Equal(new[] { 0.5f, 0.5f, 0.5f, 0.5f }, mine.Vector);
        Assert.Equal("CR", mine.Modality);
    }

    [Fact]
    public async Task ReplaceEmbedding_ChangesModelAndVector_OnlyForOwnerAndExistingReports()
    {
        var report = NewReport("reembed", DateTimeOffset.UtcNow);
        await SaveAsync(report);

        Assert.False(await Repository.ReplaceEmbeddingAsync(new StoredEmbedding(report.Id, "someone-else", "glove-x-2", [1f, 0f], "CR", "CHEST"), CancellationToken.None));
        Assert.False(await Repository.ReplaceEmbeddingAsync(new StoredEmbedding("rpt_missing", "reembed", "glove-x-2", [1f, 0f], "CR", "CHEST"), CancellationToken.None));
        Assert.True(await Repository.ReplaceEmbeddingAsync(new StoredEmbedding(report.Id, "reembed", "glove-x-2", [0.6f, 0.8f], "CR", "CHEST"), CancellationToken.None));

        var all = new List<StoredEmbedding>();
        await foreach (var e in Repository.ReadEmbeddingsAsync(CancellationToken.None))
        {
            all.Add(e);
        }

        var mine = Assert.Single(all, e => e.ReportId == report.Id);
        Assert.Equal("glove-x-2", mine.Model);
        Assert.Equal(new[] { 0.6f, 0.8f }, mine.Vector);
        Assert.DoesNotContain(all, e => e.ReportId == "rpt_missing");
    }

    [Fact]
    public async Task Initialize_Twice_IsIdempotent()
    {
        await Repository.InitializeAsync(CancellationToken.None);
        await Repository.PingAsync(CancellationToken.None);
    }
}
