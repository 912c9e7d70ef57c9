using Grpc.Core;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Server.Pipeline.Stages;
using MedicalImaging.Tests.Support;
using MedicalImaging.Tests.Support.Fakes;

namespace MedicalImaging.Server.Tests.Outbound;

/// <summary>The "embeddings" HttpClient from the factory: transient failures are retried MAX_RETRIES times by its resilience handler.</summary>
public sealed class EmbeddingsClientTests : IAsyncLifetime
{
    private FakeEmbeddings _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeEmbeddings.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private async Task<(Report Report, int Calls)> AnalyzeWithFailuresAsync(int maxRetries, int failures)
    {
        var settings = _fake.ServerSettings();
        settings["MAX_RETRIES"] = maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var server = await RunningServer.StartAsync(settings);
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(server.GrpcAddress);
        var client = new ImagingService.ImagingServiceClient(channel);
        var auth = new Metadata { { "authorization", "Bearer " + server.IssueToken("embedder") } };
        var before = _fake.Requests.Count;
        _fake.FailNext = failures;
        var report = await client.AnalyzeToReportAsync(Calls.Request(TestImages.ChestPhantomPng(96, seed: 7)), auth);
        return (report, _fake.Requests.Count - before);
    }

    [Fact]
    public async Task Embed_AfterTwo503s_WithMaxRetriesTwo_IsRetriedAndTheReportEmbedded()
    {
        var (report, calls) = await AnalyzeWithFailuresAsync(maxRetries: 2, failures: 2);

        Assert.Equal("openai-test-embed-64", report.Provenance.EmbeddingModel);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task Embed_AfterOne503_WithMaxRetriesZero_IsNotRetriedAndTheEmbeddingPending()
    {
        var (report, calls) = await AnalyzeWithFailuresAsync(maxRetries: 0, failures: 1);

        Assert.Equal(EmbedStage.PendingModel, report.Provenance.EmbeddingModel);
        Assert.Equal(1, calls);
    }
}
