using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Tests.Support;

namespace MedicalImaging.Server.Tests;

/// <summary>gRPC-Web (what browsers speak) over HTTP/1.1 on the REST port.</summary>
public sealed class GrpcWebTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _fixture;

    public GrpcWebTests(ServerFixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData(GrpcWebMode.GrpcWeb)]
    [InlineData(GrpcWebMode.GrpcWebText)]
    public async Task GrpcWebOverHttp11_UnaryAndServerStreamingWork(GrpcWebMode mode)
    {
        using var handler = new GrpcWebHandler(mode, new HttpClientHandler());
        using var channel = GrpcChannel.ForAddress(_fixture.Server.HttpAddress, new GrpcChannelOptions
        {
            HttpHandler = handler,
            HttpVersion = System.Net.HttpVersion.Version11,
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        var client = new ImagingService.ImagingServiceClient(channel);

        var health = await client.GetHealthAsync(new GetHealthRequest());
        Assert.Equal(ServingStatus.Serving, health.Status);

        var auth = new Metadata { { "authorization", "Bearer " + _fixture.Server.IssueToken("browser") } };
        var events = await client.AnalyzeAsync(Calls.Request(TestImages.ChestPhantomPng(64, seed: 51)), auth);
        Assert.StartsWith("rpt_", events[^1].Result.Report.Id);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.ListReportsAsync(new ListReportsRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }
}
