using MedicalImaging.Contracts.V1;
using MedicalImaging.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MedicalImaging.Server.Tests.Cache;

/// <summary>
/// CACHE_TTL_MINUTES: 0 turns the analysis cache off; a cached report older than the TTL is not served. Expiry is
/// proven by moving the server's clock (a FakeTimeProvider registered before the server's own), so no test waits a
/// minute.
/// </summary>
public sealed class AnalysisCacheTests
{
    private static Grpc.Core.Metadata AuthFor(RunningServer server, string user) =>
        new() { { "authorization", "Bearer " + server.IssueToken(user) } };

    [Fact]
    public async Task Analyze_CacheTtlZero_IdenticalSecondAnalysisIsNotCached()
    {
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?> { ["CACHE_TTL_MINUTES"] = "0" });
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(server.GrpcAddress);
        var client = new ImagingService.ImagingServiceClient(channel);
        var auth = AuthFor(server, "no-cache");
        var png = TestImages.ChestPhantomPng(64, seed: 3);

        var first = (await client.AnalyzeAsync(Calls.Request(png), auth))[^1].Result;
        var second = (await client.AnalyzeAsync(Calls.Request(png), auth))[^1].Result;

        Assert.False(first.Cached);
        Assert.False(second.Cached);
        Assert.NotEqual(first.Report.Id, second.Report.Id);
    }

    [Fact]
    public async Task Analyze_CachedReportOlderThanTtl_IsNotServedAndTheNewReportIsCachedInstead()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await RunningServer.StartAsync(
            new Dictionary<string, string?> { ["CACHE_TTL_MINUTES"] = "1" }, services => services.AddSingleton<TimeProvider>(clock));
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(server.GrpcAddress);
        var client = new ImagingService.ImagingServiceClient(channel);
        var auth = AuthFor(server, "expiring");
        var png = TestImages.ChestPhantomPng(64, seed: 4);

        var first = (await client.AnalyzeAsync(Calls.Request(png), auth))[^1].Result;
        var hit = (await client.AnalyzeAsync(Calls.Request(png), auth))[^1].Result;
        Assert.False(first.Cached);
        Assert.True(hit.Cached);
        Assert.Equal(first.Report.Id, hit.Report.Id);

        // One minute and one second later by the server's clock: the first report is past the one-minute TTL.
        clock.Advance(TimeSpan.FromSeconds(61));

        var expired = (await client.AnalyzeAsync(Calls.Request(png), auth))[^1].Result;
        Assert.False(expired.Cached);
        Assert.NotEqual(first.Report.Id, expired.Report.Id);

        var fresh = (await client.AnalyzeAsync(Calls.Request(png), auth))[^1].Result;
        Assert.True(fresh.Cached);
        Assert.Equal(expired.Report.Id, fresh.Report.Id);
    }
}
