using Grpc.Core;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Server.Embeddings;
using MedicalImaging.Server.Pipeline.Stages;
using MedicalImaging.Server.Tests.Unit;
using MedicalImaging.Tests.Support;
using MedicalImaging.Tests.Support.Fakes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MedicalImaging.Server.Tests;

/// <summary>The embedders behind EMBEDDING_PROVIDER, and re-embedding when the model changes, on a real server.</summary>
public sealed class EmbeddingTests : IAsyncLifetime
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("medimg-embed-").FullName;
    private FakeEmbeddings _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeEmbeddings.StartAsync();

    public async Task DisposeAsync()
    {
        await _fake.DisposeAsync();
        Directory.Delete(_dataDir, recursive: true);
    }

    private Dictionary<string, string?> OpenAiSettings()
    {
        var settings = _fake.ServerSettings();
        settings["MEDICAL_IMAGING_DATA_DIR"] = _dataDir;
        settings["MAX_RETRIES"] = "0";
        return settings;
    }

    private static AnalyzeRequest Request(int seed)
    {
        var request = Calls.Request(TestImages.ChestPhantomPng(96, seed: seed));
        request.CaseId = "CASE-4471";
        request.Images[0].ModalityHint = "CR";
        request.Images[0].BodyPartHint = "CHEST";
        request.ClinicalContext = new ClinicalContext { AgeYears = 61, Indication = "Persistent cough after travel to Lisbon", Symptoms = { "haemoptysis" } };
        return request;
    }

    [Fact]
    public async Task OpenAiCompatible_EmbedsEachReportRemotely_SendsOnlyReportText_SimilarWorks()
    {
        await using var server = await RunningServer.StartAsync(OpenAiSettings());
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(server.GrpcAddress);
        var client = new ImagingService.ImagingServiceClient(channel);
        var auth = new Metadata { { "authorization", "Bearer " + server.IssueToken("embedder") } };

        var first = await client.AnalyzeToReportAsync(Request(31), auth);
        var second = await client.AnalyzeToReportAsync(Request(32), auth);

        Assert.Equal("openai-test-embed-64", first.Provenance.EmbeddingModel);
        Assert.Equal(64, first.Provenance.EmbeddingDimension);
        var calls = _fake.Requests.Where(r => r.PathAndQuery == "/v1/embeddings").ToList();
        // The start-up probe, then one call a report.
        Assert.Equal(3, calls.Count);
        foreach (var call in calls.Skip(1))
        {
            Assert.Contains("\"model\":\"test-embed\"", call.Body, StringComparison.Ordinal);
            Assert.Contains("\"dimensions\":64", call.Body, StringComparison.Ordinal);
            Assert.Contains("CHEST", call.Body, StringComparison.Ordinal);
            // The clinical context and the caller's case id stay in the process.
            Assert.DoesNotContain("Lisbon", call.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("haemoptysis", call.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("CASE-4471", call.Body, StringComparison.Ordinal);
        }

        var similar = await client.FindSimilarAsync(new FindSimilarRequest { ReportId = first.Id }, auth);
        var hit = Assert.Single(similar.Results);
        Assert.Equal(second.Id, hit.ReportId);
        Assert.True(hit.Score > 0.5, $"score {hit.Score}");
        Assert.Empty(server.Errors.Entries);
    }

    [Fact]
    public async Task OpenAiCompatible_EndpointDown_ReportStillStored_EmbeddedAtNextStart()
    {
        _fake.FailWith = 503;
        string firstId, secondId, token;
        await using (var server = await RunningServer.StartAsync(OpenAiSettings()))
        {
            using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(server.GrpcAddress);
            var client = new ImagingService.ImagingServiceClient(channel);
            token = server.IssueToken("embedder");
            var auth = new Metadata { { "authorization", "Bearer " + token } };
            var first = await client.AnalyzeToReportAsync(Request(33), auth);
            Assert.Equal(EmbedStage.PendingModel, first.Provenance.EmbeddingModel);
            firstId = first.Id;
            secondId = (await client.AnalyzeToReportAsync(Request(34), auth)).Id;
            Assert.Equal(0, server.Services.GetRequiredService<VectorIndex>().Count);
            var error = await Assert.ThrowsAsync<RpcException>(() => client.FindSimilarAsync(new FindSimilarRequest { ReportId = firstId }, auth).ResponseAsync);
            Assert.Equal(StatusCode.NotFound, error.StatusCode);
            Assert.Contains("re-embedded", error.Status.Detail, StringComparison.Ordinal);
        }

        _fake.FailWith = null;
        await using (var server = await RunningServer.StartAsync(OpenAiSettings()))
        {
            await LoaderOf(server).Reembedding.WaitAsync(Calls.Timeout);
            Assert.Equal(2, server.Services.GetRequiredService<VectorIndex>().Count);
            using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(server.GrpcAddress);
            var client = new ImagingService.ImagingServiceClient(channel);
            var auth = new Metadata { { "authorization", "Bearer " + token } };
            var similar = await client.FindSimilarAsync(new FindSimilarRequest { ReportId = firstId }, auth);
            Assert.Equal(secondId, Assert.Single(similar.Results).ReportId);
        }

        Assert.Equal(["openai-test-embed-64"], StoredModels());
    }

    [Fact]
    public async Task ModelChange_HashingToGlove_RestartReembedsEveryStoredReport()
    {
        var settings = new Dictionary<string, string?> { ["MEDICAL_IMAGING_DATA_DIR"] = _dataDir };
        string firstId, secondId, token;
        await using (var server = await RunningServer.StartAsync(settings))
        {
            using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(server.GrpcAddress);
            var client = new ImagingService.ImagingServiceClient(channel);
            token = server.IssueToken("switcher");
            var auth = new Metadata { { "authorization", "Bearer " + token } };
            firstId = (await client.AnalyzeToReportAsync(Request(35), auth)).Id;
            secondId = (await client.AnalyzeToReportAsync(Request(36), auth)).Id;
        }

        Assert.Equal(["hashing-v1-256"], StoredModels());
        settings["EMBEDDING_PROVIDER"] = "glove";
        settings["GLOVE_PATH"] = GloveEmbedderTests.WriteGloveFile(_dataDir);
        await using (var server = await RunningServer.StartAsync(settings))
        {
            Assert.Equal("glove-glove.test.6d-6", server.Services.GetRequiredService<IEmbedder>().Model);
            await LoaderOf(server).Reembedding.WaitAsync(Calls.Timeout);
            Assert.Equal(2, server.Services.GetRequiredService<VectorIndex>().Count);
            using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(server.GrpcAddress);
            var client = new ImagingService.ImagingServiceClient(channel);
            var auth = new Metadata { { "authorization", "Bearer " + token } };
            var similar = await client.FindSimilarAsync(new FindSimilarRequest { ReportId = firstId }, auth);
            Assert.Equal(secondId, Assert.Single(similar.Results).ReportId);
            Assert.Empty(server.Errors.Entries);
        }

        Assert.Equal(["glove-glove.test.6d-6"], StoredModels());
    }

    [Theory]
    [InlineData("EMBEDDING_PROVIDER", "word2vec", "EMBEDDING_PROVIDER=word2vec is not supported; use hashing, glove or openai.")]
    [InlineData("EMBEDDING_PROVIDER", "glove", "EMBEDDING_PROVIDER=glove needs GLOVE_PATH")]
    [InlineData("EMBEDDING_PROVIDER", "openai", "EMBEDDING_PROVIDER=openai needs EMBEDDING_API_KEY.")]
    [InlineData("EMBEDDING_DIMENSION", "3", "EMBEDDING_DIMENSION=3 must be 16..4096.")]
    public async Task BadEmbeddingSettings_RefuseToStart_NamingTheSetting(string name, string value, string expected)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunningServer.StartAsync(new Dictionary<string, string?> { [name] = value }));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static VectorIndexLoader LoaderOf(RunningServer server) =>
        server.Services.GetServices<IHostedService>().OfType<VectorIndexLoader>().Single();

    private List<string> StoredModels()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_dataDir, "medimaging.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT model FROM embeddings ORDER BY model;";
        using var reader = command.ExecuteReader();
        var models = new List<string>();
        while (reader.Read())
        {
            models.Add(reader.GetString(0));
        }

        return models;
    }
}
