using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Grpc.Core;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Tests.Support;

namespace MedicalImaging.Server.Tests;

/// <summary>Re-attaching to an analysis: replay, then live, no gaps, no duplicates; the analysis outlives its caller.</summary>
public sealed class WatchAnalysisTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _fixture;

    public WatchAnalysisTests(ServerFixture fixture) => _fixture = fixture;

    private async Task<List<WatchAnalysisResponse>> WatchAsync(string analysisId, long after, Metadata auth)
    {
        using var call = _fixture.Client.WatchAnalysis(new WatchAnalysisRequest { AnalysisId = analysisId, AfterSequence = after }, auth, DateTime.UtcNow + Calls.Timeout);
        var events = new List<WatchAnalysisResponse>();
        await foreach (var item in call.ResponseStream.ReadAllAsync())
        {
            events.Add(item);
        }

        return events;
    }

    [Fact]
    public async Task CallerHangsUpAfterFirstEvent_AnalysisFinishes_WatchReplaysEverything()
    {
        var auth = _fixture.AuthFor("watcher");
        string analysisId;
        using (var call = _fixture.Client.Analyze(Calls.Request(TestImages.ChestPhantomPng(256, seed: 31)), auth, DateTime.UtcNow + Calls.Timeout))
        {
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            analysisId = call.ResponseStream.Current.AnalysisId;
        }

        var events = await WatchAsync(analysisId, 0, auth);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.All(events, e => Assert.Equal(analysisId, e.AnalysisId));
        var report = events[^1].Result.Report;
        Assert.Equal(analysisId, report.AnalysisId);
        Assert.Equal(report.Id, (await _fixture.Client.GetReportAsync(new GetReportRequest { ReportId = report.Id }, auth)).Report.Id);

        var resumed = await WatchAsync(analysisId, 3, auth);
        Assert.Equal(events.Skip(3).Select(e => e.Sequence), resumed.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Watch_OtherUsersOrUnknownAnalysis_NotFound()
    {
        var auth = _fixture.AuthFor("watch-owner");
        var events = await _fixture.Client.AnalyzeAsync(Calls.Request(TestImages.ChestPhantomPng(64, seed: 32)), auth);
        var error = await Assert.ThrowsAsync<RpcException>(() => WatchAsync(events[0].AnalysisId, 0, _fixture.AuthFor("watch-stranger")));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        error = await Assert.ThrowsAsync<RpcException>(() => WatchAsync("ana_000000000000000000000000", 0, auth));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task WatchAnalysis_FailedAnalysis_ReplaysItsEventsThenRethrowsTheSameStatus()
    {
        var auth = _fixture.AuthFor("watch-fail");
        var live = new List<AnalyzeResponse>();
        var original = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = _fixture.Client.Analyze(Calls.Request(TestImages.CorruptPng()), auth, DateTime.UtcNow + Calls.Timeout);
            await foreach (var item in call.ResponseStream.ReadAllAsync())
            {
                live.Add(item);
            }
        });
        Assert.Equal(StatusCode.InvalidArgument, original.StatusCode);
        var analysisId = Assert.Single(live.Select(e => e.AnalysisId).Distinct());

        var replayed = new List<WatchAnalysisResponse>();
        var rethrown = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = _fixture.Client.WatchAnalysis(new WatchAnalysisRequest { AnalysisId = analysisId, AfterSequence = 0 }, auth, DateTime.UtcNow + Calls.Timeout);
            await foreach (var item in call.ResponseStream.ReadAllAsync())
            {
                replayed.Add(item);
            }
        });

        Assert.Equal(live.Select(e => e.Sequence), replayed.Select(e => e.Sequence));
        Assert.Equal(StatusCode.InvalidArgument, rethrown.StatusCode);
        Assert.Equal(original.Status.Detail, rethrown.Status.Detail);
    }

    [Fact]
    public async Task WatchRest_AfterSequenceOne_NdjsonReplaysEverySequenceFromTwoThenTheResult()
    {
        var auth = _fixture.AuthFor("watch-rest");
        var events = await _fixture.Client.AnalyzeAsync(Calls.Request(TestImages.ChestPhantomPng(64, seed: 33)), auth);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/medical-imaging/analyses/{events[0].AnalysisId}/events?afterSequence=1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _fixture.Server.IssueToken("watch-rest"));
        using var response = await _fixture.Http.SendAsync(request);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sequences = lines.Select(l => long.Parse(JsonDocument.Parse(l).RootElement.GetProperty("sequence").GetRawText().Trim('"'), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(events.Skip(1).Select(e => e.Sequence), sequences);
        Assert.Equal(events[^1].Result.Report.Id, JsonDocument.Parse(lines[^1]).RootElement.GetProperty("result").GetProperty("report").GetProperty("id").GetString());
    }
}
