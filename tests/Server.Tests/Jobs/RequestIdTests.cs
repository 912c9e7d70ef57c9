using Google.Rpc;
using Grpc.Core;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Server.Tests.Providers;
using MedicalImaging.Tests.Support;

namespace MedicalImaging.Server.Tests.Jobs;

/// <summary>Analyze's request_id: a retry of the same logical request follows the first analysis instead of paying for another.</summary>
public sealed class RequestIdTests
{
    private static AnalyzeRequest Request(string requestId)
    {
        var request = Calls.Request(TestImages.ChestPhantomPng(96, seed: 81));
        request.Images[0].ModalityHint = "CR";
        request.Images[0].BodyPartHint = "CHEST";
        request.Options = new AnalysisOptions { SkipCache = true };
        request.RequestId = requestId;
        return request;
    }

    private static int VisionCalls(ChainHarness h) => h.Gemini.Requests.Count(r => r.Body.Contains("image_findings", StringComparison.Ordinal));

    [Fact]
    public async Task Analyze_RetriedWithSameRequestIdAndUser_SameAnalysisReplayed_PipelineRanOnce_OtherUserGetsOwn()
    {
        await using var h = await ChainHarness.StartAsync();
        var alice = new Metadata { { "authorization", "Bearer " + h.Server.IssueToken("alice") } };
        var bob = new Metadata { { "authorization", "Bearer " + h.Server.IssueToken("bob") } };

        var first = await h.Client.AnalyzeAsync(Request("retry-7f3a"), alice);
        var retried = await h.Client.AnalyzeAsync(Request("retry-7f3a"), alice);
        var concurrent = await Task.WhenAll(h.Client.AnalyzeAsync(Request("together-1"), alice), h.Client.AnalyzeAsync(Request("together-1"), alice));
        var bobs = await h.Client.AnalyzeAsync(Request("retry-7f3a"), bob);

        Assert.Equal(first[0].AnalysisId, retried[0].AnalysisId);
        Assert.Equal(first.Select(e => e.Sequence), retried.Select(e => e.Sequence));
        Assert.Equal(first[^1].Result.Report.Id, retried[^1].Result.Report.Id);
        Assert.Equal(concurrent[0][0].AnalysisId, concurrent[1][0].AnalysisId);
        Assert.NotEqual(first[0].AnalysisId, bobs[0].AnalysisId);
        Assert.NotEqual(first[0].AnalysisId, concurrent[0][0].AnalysisId);
        // One vision call per analysis actually run: alice's first, alice's concurrent pair, bob's.
        Assert.Equal(3, VisionCalls(h));
        var alicesReports = await h.Client.ListReportsAsync(new ListReportsRequest { PageSize = 50 }, alice);
        Assert.Equal(2, alicesReports.Reports.Count);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("slash/inside")]
    [InlineData("ümlaut")]
    public async Task Analyze_MalformedRequestId_InvalidArgumentNamingRequestId(string requestId)
    {
        await using var server = await RunningServer.StartAsync();
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(server.GrpcAddress);
        var client = new ImagingService.ImagingServiceClient(channel);
        var auth = new Metadata { { "authorization", "Bearer " + server.IssueToken("alice") } };

        var error = await Assert.ThrowsAsync<RpcException>(() => client.AnalyzeAsync(Request(requestId), auth));
        var tooLong = await Assert.ThrowsAsync<RpcException>(() => client.AnalyzeAsync(Request(new string('a', 129)), auth));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("request_id", error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations[0].Field);
        Assert.Equal(StatusCode.InvalidArgument, tooLong.StatusCode);
        Assert.Contains("request_id", tooLong.Status.Detail, StringComparison.Ordinal);
    }
}
