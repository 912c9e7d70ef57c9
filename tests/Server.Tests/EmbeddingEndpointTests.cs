using Grpc.Core;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Server.Embeddings;
using MedicalImaging.Tests.Support;
using MedicalImaging.Tests.Support.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalImaging.Server.Tests;

/// <summary>
/// OpenAI-compatible embeddings servers as they differ: `dimensions` refused (vLLM), base64 refused, floats only;
/// and the start-up probe that reports the endpoint's real vector length.
/// </summary>
public sealed class EmbeddingEndpointTests : IAsyncLifetime
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("medimg-embed-ep-").FullName;
    private FakeEmbeddings _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeEmbeddings.StartAsync();

    public async Task DisposeAsync()
    {
        await _fake.DisposeAsync();
        Directory.Delete(_dataDir, recursive: true);
    }

    private Dictionary<string, string?> Settings(string? dimension)
    {
        var settings = _fake.ServerSettings(dimension);
        settings["MEDICAL_IMAGING_DATA_DIR"] = _dataDir;
        settings["MAX_RETRIES"] = "0";
        return settings;
    }

    private static async Task<(Report First, Report Second, FindSimilarResponse Similar)> TwoReportsAsync(RunningServer server)
    {
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(server.GrpcAddress);
        var client = new ImagingService.ImagingServiceClient(channel);
        var auth = new Metadata { { "authorization", "Bearer " + server.IssueToken("embedder") } };
        async Task<Report> AnalyzeAsync(int seed)
        {
            var request = Calls.Request(TestImages.ChestPhantomPng(96, seed: seed));
            request.Images[0].ModalityHint = "CR";
            request.Images[0].BodyPartHint = "CHEST";
            return await client.AnalyzeToReportAsync(request, auth);
        }

        var first = await AnalyzeAsync(41);
        var second = await AnalyzeAsync(42);
        var similar = await client.FindSimilarAsync(new FindSimilarRequest { ReportId = first.Id }, auth);
        return (first, second, similar);
    }

    [Fact]
    public async Task DimensionUnset_ServerRejectingDimensions_NeverSent_ProbeLearnsModelLength()
    {
        _fake.RejectDimensions = true;
        _fake.NativeDimension = 48;
        await using var server = await RunningServer.StartAsync(Settings(null));

        // The probe ran at start, before any report.
        Assert.Single(_fake.Requests);
        var embedder = (OpenAiCompatibleEmbedder)server.Services.GetRequiredService<IEmbedder>();
        Assert.Equal(48, embedder.Dimension);
        var (first, second, similar) = await TwoReportsAsync(server);

        Assert.Equal("openai-test-embed-48", first.Provenance.EmbeddingModel);
        Assert.Equal(48, first.Provenance.EmbeddingDimension);
        Assert.Equal(second.Id, Assert.Single(similar.Results).ReportId);
        Assert.All(_fake.Requests, r => Assert.DoesNotContain("\"dimensions\"", r.Body, StringComparison.Ordinal));
        Assert.Empty(server.Errors.Entries);
    }

    [Fact]
    public async Task DimensionSet_ServerRejectingDimensions_ProbeErrorNamesTheSetting()
    {
        _fake.RejectDimensions = true;
        await using var server = await RunningServer.StartAsync(Settings("64"));
        var embedder = (OpenAiCompatibleEmbedder)server.Services.GetRequiredService<IEmbedder>();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => embedder.ProbeAsync(CancellationToken.None));

        Assert.Contains("Unset EMBEDDING_DIMENSION", error.Message, StringComparison.Ordinal);
        Assert.Contains("matryoshka", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerAnsweringFloatArraysOnly_VectorsRead_SimilarWorks()
    {
        _fake.FloatsOnly = true;
        await using var server = await RunningServer.StartAsync(Settings("64"));
        var (first, second, similar) = await TwoReportsAsync(server);

        Assert.Equal(64, first.Provenance.EmbeddingDimension);
        Assert.Equal(second.Id, Assert.Single(similar.Results).ReportId);
        Assert.Contains("\"dimensions\":64", _fake.Requests[^1].Body, StringComparison.Ordinal);
        Assert.Empty(server.Errors.Entries);
    }

    [Fact]
    public async Task ServerRefusingBase64_SwitchesToFloatOnce_ReportsEmbedded()
    {
        _fake.RejectBase64 = true;
        await using var server = await RunningServer.StartAsync(Settings("64"));
        var (first, _, _) = await TwoReportsAsync(server);

        Assert.Equal("openai-test-embed-64", first.Provenance.EmbeddingModel);
        Assert.True(((OpenAiCompatibleEmbedder)server.Services.GetRequiredService<IEmbedder>()).FloatEncoding);
        // Only the probe's first try asked for base64; everything after asked for floats.
        Assert.Single(_fake.Requests, r => r.Body.Contains("\"encoding_format\":\"base64\"", StringComparison.Ordinal));
        Assert.Equal(3, _fake.Requests.Count(r => r.Body.Contains("\"encoding_format\":\"float\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task DimensionSet_ServerIgnoringIt_ProbeLogsTheMismatchNamingTheSetting()
    {
        _fake.IgnoreDimensions = true;
        _fake.NativeDimension = 48;
        await using var server = await RunningServer.StartAsync(Settings("64"));

        Assert.Contains(server.Errors.Entries, e => e.Contains("answers 48 dimensions but EMBEDDING_DIMENSION is 64", StringComparison.Ordinal));
    }
}
