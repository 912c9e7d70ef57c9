using Grpc.Core;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Tests.Support;

namespace MedicalImaging.Server.Tests;

public sealed class AnalyzeGrpcTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _fixture;

    public AnalyzeGrpcTests(ServerFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Analyze_Png_StreamsRisingProgressThenStoredReport()
    {
        var auth = _fixture.AuthFor("alice");
        var events = await _fixture.Client.AnalyzeAsync(Calls.Request(TestImages.ChestPhantomPng()), auth);

        Assert.True(events.Count >= 8, $"expected a progress event per stage, got {events.Count}");
        var analysisId = events[0].AnalysisId;
        Assert.StartsWith("ana_", analysisId);
        Assert.Equal(AnalyzeResponse.EventOneofCase.Progress, events[0].EventCase);
        Assert.All(events, e => Assert.Equal(analysisId, e.AnalysisId));
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        var percents = events.Where(e => e.Progress is not null).Select(e => e.Progress.Percent).ToList();
        Assert.Equal(percents.Order(), percents);
        Assert.Equal(100, percents[^1]);
        var stages = events.Where(e => e.Progress is not null).Select(e => e.Progress.Stage).Distinct().ToList();
        Assert.Equal(
            [AnalysisStage.Validate, AnalysisStage.Decode, AnalysisStage.Deidentify, AnalysisStage.Preprocess, AnalysisStage.Quantitative,
             AnalysisStage.Vision, AnalysisStage.Literature, AnalysisStage.Report, AnalysisStage.Embed, AnalysisStage.Store, AnalysisStage.Complete],
            stages);

        var result = events[^1].Result;
        Assert.NotNull(result);
        Assert.False(result.Cached);
        var report = result.Report;
        Assert.StartsWith("rpt_", report.Id);
        Assert.Equal(analysisId, report.AnalysisId);
        Assert.Equal("local", report.Provenance.Provider);
        Assert.Contains("NOT FOR DIAGNOSTIC USE", report.Disclaimer);
        Assert.False(string.IsNullOrWhiteSpace(report.Impression));
        Assert.False(string.IsNullOrWhiteSpace(report.Technique));
        Assert.NotEmpty(report.Recommendations);
        Assert.NotEmpty(report.Limitations);
        Assert.Contains("IMPRESSION", report.ReportText);
        Assert.Equal("hashing-v1-256", report.Provenance.EmbeddingModel);
        var image = Assert.Single(report.Images);
        Assert.Equal(512, image.Width);
        Assert.Equal("png", image.Format);
        Assert.NotEmpty(image.Measurements);
        Assert.True(image.HasHeatmap);
        Assert.Equal(64, image.ImageId.Length);

        var stored = await _fixture.Client.GetReportAsync(new GetReportRequest { ReportId = report.Id }, auth);
        Assert.Equal(report, stored.Report);
    }

    [Fact]
    public async Task Analyze_ClinicalContextAndCase_ReachTheReportAndTheList()
    {
        var auth = _fixture.AuthFor("carol");
        var request = Calls.Request(TestImages.ChestPhantomPng(seed: 7));
        request.CaseId = "case-42";
        request.ClinicalContext = new ClinicalContext { AgeYears = 64, Sex = Sex.Female, Indication = "persistent cough", ClinicalQuestion = "pneumonia?" };
        request.ClinicalContext.Symptoms.Add("fever");
        var report = await _fixture.Client.AnalyzeToReportAsync(request, auth);

        Assert.Equal("case-42", report.CaseId);
        Assert.Equal(64, report.ClinicalContext.AgeYears);
        Assert.Equal("persistent cough", report.ClinicalContext.Indication);
        Assert.Contains("pneumonia?", report.Impression);
        Assert.Contains("fever", report.ReportText);

        var listed = await _fixture.Client.ListReportsAsync(new ListReportsRequest { CaseId = "case-42" }, auth);
        Assert.Equal(report.Id, Assert.Single(listed.Reports).Id);
        var other = await _fixture.Client.ListReportsAsync(new ListReportsRequest { CaseId = "case-other" }, auth);
        Assert.Empty(other.Reports);
    }

    [Fact]
    public async Task Analyze_Jpeg_IsDecoded()
    {
        var report = await _fixture.Client.AnalyzeToReportAsync(Calls.Request(TestImages.ChestPhantomJpeg()), _fixture.AuthFor("dan"));
        Assert.Equal("jpeg", Assert.Single(report.Images).Format);
    }

    [Fact]
    public async Task Analyze_SameImageTwice_SecondIsServedFromCache()
    {
        var auth = _fixture.AuthFor("erin");
        var png = TestImages.ChestPhantomPng(seed: 11);
        var first = await _fixture.Client.AnalyzeAsync(Calls.Request(png), auth);
        var second = await _fixture.Client.AnalyzeAsync(Calls.Request(png), auth);

        Assert.False(first[^1].Result.Cached);
        Assert.True(second[^1].Result.Cached);
        Assert.Equal(first[^1].Result.Report.Id, second[^1].Result.Report.Id);
        Assert.NotEqual(first[0].AnalysisId, second[0].AnalysisId);

        var forced = Calls.Request(png);
        forced.Options = new AnalysisOptions { SkipCache = true };
        var third = await _fixture.Client.AnalyzeAsync(forced, auth);
        Assert.False(third[^1].Result.Cached);
        Assert.NotEqual(first[^1].Result.Report.Id, third[^1].Result.Report.Id);

        // The cache is per user: another user analysing the same bytes gets a report of their own.
        var otherUser = await _fixture.Client.AnalyzeAsync(Calls.Request(png), _fixture.AuthFor("frank"));
        Assert.False(otherUser[^1].Result.Cached);
    }

    [Fact]
    public async Task Analyze_CorruptPixelData_FailsMidStreamWithInvalidArgument()
    {
        var auth = _fixture.AuthFor("gina");
        using var call = _fixture.Client.Analyze(Calls.Request(TestImages.CorruptPng()), auth, DateTime.UtcNow + Calls.Timeout);
        var received = new List<AnalyzeResponse>();
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var item in call.ResponseStream.ReadAllAsync())
            {
                received.Add(item);
            }
        });

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("images[0]", error.Status.Detail);
        Assert.NotEmpty(received);
        Assert.Empty(_fixture.Server.Errors.Entries);
    }
}
