using Grpc.Core;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Server.Embeddings;
using MedicalImaging.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalImaging.Server.Tests;

public sealed class ReportsTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _fixture;

    public ReportsTests(ServerFixture fixture) => _fixture = fixture;

    private async Task<List<Report>> AnalyzeManyAsync(Metadata auth, int count, string casePrefix)
    {
        var reports = new List<Report>();
        for (var i = 0; i < count; i++)
        {
            var request = Calls.Request(TestImages.ChestPhantomPng(96, lesion: i % 2 == 0, seed: 100 + i));
            request.CaseId = $"{casePrefix}-{i}";
            reports.Add(await _fixture.Client.AnalyzeToReportAsync(request, auth));
        }

        return reports;
    }

    [Fact]
    public async Task ListReports_Paged_NewestFirstWithoutGapsOrDuplicates()
    {
        var auth = _fixture.AuthFor("pager");
        var created = await AnalyzeManyAsync(auth, 5, "page");
        var seen = new List<ReportSummary>();
        var token = string.Empty;
        var pages = 0;
        do
        {
            var page = await _fixture.Client.ListReportsAsync(new ListReportsRequest { PageSize = 2, PageToken = token }, auth);
            Assert.True(page.Reports.Count <= 2);
            seen.AddRange(page.Reports);
            token = page.NextPageToken;
            pages++;
        }
        while (token.Length > 0);

        Assert.Equal(3, pages);
        Assert.Equal(created.Select(r => r.Id).Reverse(), seen.Select(s => s.Id));
        var times = seen.Select(s => s.CreatedAt.ToDateTimeOffset()).ToList();
        Assert.Equal(times.OrderDescending(), times);
    }

    [Fact]
    public async Task ListReports_BadPageTokenOrSize_InvalidArgument()
    {
        var auth = _fixture.AuthFor("pager2");
        var error = await Assert.ThrowsAsync<RpcException>(() => _fixture.Client.ListReportsAsync(new ListReportsRequest { PageToken = "garbage" }, auth).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("page_token", error.Status.Detail);
        error = await Assert.ThrowsAsync<RpcException>(() => _fixture.Client.ListReportsAsync(new ListReportsRequest { PageSize = -1 }, auth).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task FindSimilar_ReturnsOwnReportsBestFirst_ExcludingItselfAndOtherUsers()
    {
        var auth = _fixture.AuthFor("similar-owner");
        var reports = await AnalyzeManyAsync(auth, 4, "sim");
        await AnalyzeManyAsync(_fixture.AuthFor("similar-stranger"), 2, "stranger");

        var response = await _fixture.Client.FindSimilarAsync(new FindSimilarRequest { ReportId = reports[0].Id, Limit = 10 }, auth);
        Assert.Equal(3, response.Results.Count);
        Assert.DoesNotContain(response.Results, r => r.ReportId == reports[0].Id);
        Assert.All(response.Results, r => Assert.Contains(r.ReportId, reports.Select(x => x.Id)));
        Assert.Equal(response.Results.Select(r => r.Score).OrderDescending(), response.Results.Select(r => r.Score));
        Assert.All(response.Results, r => Assert.InRange(r.Score, -1.0001, 1.0001));
        Assert.All(response.Results, r => Assert.False(string.IsNullOrEmpty(r.Reason)));

        var limited = await _fixture.Client.FindSimilarAsync(new FindSimilarRequest { ReportId = reports[0].Id, Limit = 1 }, auth);
        Assert.Equal(response.Results[0].Score, Assert.Single(limited.Results).Score, 5);

        var filtered = await _fixture.Client.FindSimilarAsync(new FindSimilarRequest { ReportId = reports[0].Id, Modality = "CT" }, auth);
        Assert.Empty(filtered.Results);
    }

    [Fact]
    public async Task DeleteReport_RemovesReportHeatmapsAndIndexEntry()
    {
        var auth = _fixture.AuthFor("deleter");
        var reports = await AnalyzeManyAsync(auth, 2, "del");
        var index = _fixture.Server.Services.GetRequiredService<VectorIndex>();
        Assert.NotNull(index.Get("deleter", reports[0].Id));

        await _fixture.Client.DeleteReportAsync(new DeleteReportRequest { ReportId = reports[0].Id }, auth);

        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => _fixture.Client.GetReportAsync(new GetReportRequest { ReportId = reports[0].Id }, auth).ResponseAsync)).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => _fixture.Client.GetHeatmapAsync(new GetHeatmapRequest { ReportId = reports[0].Id }, auth).ResponseAsync)).StatusCode);
        Assert.Null(index.Get("deleter", reports[0].Id));
        var similar = await _fixture.Client.FindSimilarAsync(new FindSimilarRequest { ReportId = reports[1].Id }, auth);
        Assert.DoesNotContain(similar.Results, r => r.ReportId == reports[0].Id);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => _fixture.Client.DeleteReportAsync(new DeleteReportRequest { ReportId = reports[0].Id }, auth).ResponseAsync)).StatusCode);
    }

    [Fact]
    public async Task GetHeatmap_ImageIndexOutOfRange_InvalidArgument()
    {
        var auth = _fixture.AuthFor("heat");
        var report = (await AnalyzeManyAsync(auth, 1, "heat"))[0];
        var heatmap = await _fixture.Client.GetHeatmapAsync(new GetHeatmapRequest { ReportId = report.Id, ImageIndex = 0 }, auth);
        Assert.Equal("image/png", heatmap.ContentType);
        Assert.True(heatmap.Data.Length > 100);
        var error = await Assert.ThrowsAsync<RpcException>(() => _fixture.Client.GetHeatmapAsync(new GetHeatmapRequest { ReportId = report.Id, ImageIndex = 3 }, auth).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }
}
