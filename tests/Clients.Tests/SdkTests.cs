using System.Security.Cryptography;
using Grpc.Core;
using MedicalImaging.Client;
using MedicalImaging.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalImaging.Clients.Tests;

/// <summary>The .NET SDK against a real server.</summary>
public sealed class SdkTests : IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private ImagingClient Client(string user, int inlineThreshold = 1 << 20) => ImagingClient.Create(new ImagingClientOptions
    {
        Address = _server.GrpcAddress,
        Token = _server.IssueToken(user),
        InlineThresholdBytes = inlineThreshold,
    });

    [Fact]
    public async Task AnalyzeAsync_StreamsRisingProgress_ThenTheReport()
    {
        using var client = Client("sdk-user");
        var updates = new List<AnalysisUpdate>();
        await foreach (var update in client.AnalyzeAsync(new AnalysisSubmission { Images = [new ImageFile("a.png", TestImages.ChestPhantomPng(128, seed: 71))] }))
        {
            updates.Add(update);
        }

        Assert.StartsWith("ana_", updates[0].AnalysisId);
        Assert.NotNull(updates[0].Progress);
        var percents = updates.Where(u => u.Progress is not null).Select(u => u.Progress!.Percent).ToList();
        Assert.Equal(percents.Order(), percents);
        var report = updates[^1].Result!.Report;
        Assert.Equal(report.Id, (await client.GetReportAsync(report.Id)).Id);
        Assert.Contains(report.Id, (await client.ListReportsAsync()).Reports.Select(r => r.Id));
        Assert.Equal("local", report.Provenance.Provider);
    }

    [Fact]
    public async Task AnalyzeAsync_SameRequestIdTwice_FollowsTheSameAnalysis_WatchAnalysisAsyncReplaysTheRest()
    {
        using var client = Client("sdk-retry");
        async Task<List<AnalysisUpdate>> RunAsync(string? requestId)
        {
            var updates = new List<AnalysisUpdate>();
            var submission = new AnalysisSubmission { Images = [new ImageFile("a.png", TestImages.ChestPhantomPng(96, seed: 73))], SkipCache = true, RequestId = requestId };
            await foreach (var update in client.AnalyzeAsync(submission))
            {
                updates.Add(update);
            }

            return updates;
        }

        var first = await RunAsync("order-4711");
        var retried = await RunAsync("order-4711");
        var fresh = await RunAsync(null);
        var freshAgain = await RunAsync(null);

        Assert.Equal(first[0].AnalysisId, retried[0].AnalysisId);
        Assert.Equal(first[^1].Result!.Report.Id, retried[^1].Result!.Report.Id);
        var rest = new List<AnalysisUpdate>();
        await foreach (var update in client.WatchAnalysisAsync(first[0].AnalysisId, afterSequence: 2))
        {
            rest.Add(update);
        }

        Assert.Equal(first.Skip(2).Select(u => u.Sequence), rest.Select(u => u.Sequence));
        // Without an id of the caller's, each call is its own logical request.
        Assert.NotEqual(fresh[0].AnalysisId, freshAgain[0].AnalysisId);
        Assert.NotEqual(first[0].AnalysisId, fresh[0].AnalysisId);
    }

    [Fact]
    public async Task ChatAsync_LocalAnswers_ReplyNamesTheModelThatAnswered()
    {
        using var client = Client("sdk-chat");
        MedicalReport? report = null;
        await foreach (var update in client.AnalyzeAsync(new AnalysisSubmission { Images = [new ImageFile("a.png", TestImages.ChestPhantomPng(128, seed: 72))] }))
        {
            report = update.Result?.Report ?? report;
        }

        ChatReply? reply = null;
        await foreach (var update in client.ChatAsync(report!.Id, "What does the report say?"))
        {
            reply = update.Reply ?? reply;
        }

        Assert.Equal("local", reply!.Provider);
        Assert.Equal("local", reply.Model);
        Assert.Equal(0, reply.UnverifiedReferencesRemoved);
    }

    [Fact]
    public async Task LargeImage_UploadedInChunksThenAnalysedById()
    {
        using var client = Client("sdk-big", inlineThreshold: 1000);
        var png = TestImages.ChestPhantomPng(400, seed: 72);
        AnalysisResult? result = null;
        await foreach (var update in client.AnalyzeAsync(new AnalysisSubmission { Images = [new ImageFile("big.png", png)] }))
        {
            result = update.Result ?? result;
        }

        var expected = Convert.ToHexStringLower(SHA256.HashData(png));
        Assert.Equal(expected, result!.Report.Images[0].ImageId);
        Assert.Single(Directory.EnumerateFiles(Path.Combine(_server.DataDirectory, "images"), expected, SearchOption.AllDirectories));
    }

    [Fact]
    public async Task TokenProvider_IsAskedOnEveryCall()
    {
        var calls = 0;
        using var client = ImagingClient.Create(new ImagingClientOptions
        {
            Address = _server.GrpcAddress,
            TokenProvider = _ => { Interlocked.Increment(ref calls); return ValueTask.FromResult<string?>(_server.IssueToken("sdk-hook")); },
        });
        await client.ListReportsAsync();
        await client.ListReportsAsync();
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Errors_BecomeImagingExceptionsWithStatusAndFieldViolations()
    {
        using var client = Client("sdk-errors");
        var error = await Assert.ThrowsAsync<ImagingException>(async () =>
        {
            await foreach (var _ in client.AnalyzeAsync(new AnalysisSubmission { Images = [new ImageFile("x.png", "nope"u8.ToArray())] }))
            {
            }
        });
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("images[0].content", Assert.Single(error.Violations).Field);

        var missing = await Assert.ThrowsAsync<ImagingException>(() => client.GetReportAsync("rpt_000000000000000000000000"));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);

        using var anonymous = ImagingClient.Create(new ImagingClientOptions { Address = _server.GrpcAddress });
        Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<ImagingException>(() => anonymous.ListReportsAsync())).StatusCode);
        Assert.Equal("serving", (await anonymous.GetHealthAsync()).Status);
    }

    [Fact]
    public async Task AddImagingClient_ResolvesAWorkingClient()
    {
        var services = new ServiceCollection();
        services.AddImagingClient(options =>
        {
            options.Address = _server.GrpcAddress;
            options.Token = _server.IssueToken("sdk-di");
        });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<ImagingClient>();
        Assert.Empty((await client.ListReportsAsync()).Reports);
    }
}
