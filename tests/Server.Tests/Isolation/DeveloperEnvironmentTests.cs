using Grpc.Core;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Tests.Support;
using MedicalImaging.Tests.Support.Fakes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalImaging.Server.Tests.Isolation;

/// <summary>
/// The in-process test server reads no environment variable: a developer who exported provider keys, a JWT secret
/// and a Neo4j store gets the same results as CI and no outbound call.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class DeveloperEnvironmentTests
{
    [Fact]
    public async Task RunningServer_DeveloperExportedKeysAndStore_AnalyzesLocallyIntoSqliteWithNoProviderRequest()
    {
        await using var gemini = await FakeChatProvider.StartAsync("gemini");
        var exported = new Dictionary<string, string?>
        {
            ["GEMINI_API_KEY"] = "developer-gemini-key",
            ["GEMINI_BASE_URL"] = gemini.BaseAddress.ToString(),
            ["OPENROUTER_API_KEY"] = "developer-openrouter-key",
            ["OPENROUTER_BASE_URL"] = gemini.BaseAddress.ToString(),
            ["GROQ_API_KEY"] = "developer-groq-key",
            ["GROQ_BASE_URL"] = gemini.BaseAddress.ToString(),
            ["AI_PROVIDER_ORDER"] = "gemini,openrouter,groq",
            // A store nobody listens on: read, it would fail the start.
            ["STORAGE_PROVIDER"] = "neo4j",
            ["NEO4J_URI"] = "bolt://127.0.0.1:9",
            ["NEO4J_PASSWORD"] = "developer-password",
            // Read, it would make the test's tokens (signed with the data directory's key) invalid.
            ["JWT_SECRET"] = "a-developer-secret-that-is-long-enough-for-hs256-0123456789",
            ["JWT_ISSUER"] = "developer-issuer",
            ["JWT_AUTHORITY"] = "http://127.0.0.1:9/realms/developer",
            ["AUDIT_LOG_PATH"] = "/nonexistent/developer-audit.log",
            ["RATE_LIMIT_REQUESTS_PER_MINUTE"] = "1",
            ["LITERATURE_SEARCH_ENABLED"] = "true",
            ["PUBMED_BASE_URL"] = gemini.BaseAddress.ToString(),
            ["EMBEDDING_PROVIDER"] = "gemini",
            ["CACHE_TTL_MINUTES"] = "abc",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = gemini.BaseAddress.ToString(),
            ["METRICS_ENABLED"] = "true",
            ["TLS_CERT_PATH"] = "/nonexistent/developer-cert.pem",
        };
        var saved = exported.Keys.ToDictionary(k => k, Environment.GetEnvironmentVariable, StringComparer.Ordinal);
        try
        {
            foreach (var (name, value) in exported)
            {
                Environment.SetEnvironmentVariable(name, value);
            }

            await using var server = await RunningServer.StartAsync();
            using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(server.GrpcAddress);
            var client = new ImagingService.ImagingServiceClient(channel);
            var auth = new Metadata { { "authorization", "Bearer " + server.IssueToken("developer") } };
            var request = Calls.Request(TestImages.ChestPhantomPng(128));
            request.Images[0].ModalityHint = "CR";
            request.Images[0].BodyPartHint = "CHEST";

            var first = await client.AnalyzeToReportAsync(request, auth);
            request.Options = new AnalysisOptions { SkipCache = true };
            var second = await client.AnalyzeToReportAsync(request, auth);

            Assert.Empty(gemini.Requests);
            // Telemetry is off unless a test turns it on: no tracer or meter provider was built from the exported OTEL_*.
            Assert.Null(server.Services.GetService<OpenTelemetry.Trace.TracerProvider>());
            Assert.Null(server.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
            Assert.Equal(("local", "developer"), StoredProviderAndOwner(server, first.Id));
            Assert.Equal(("local", "developer"), StoredProviderAndOwner(server, second.Id));
            Assert.Empty(server.Errors.Entries);
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    private static (string Provider, string Owner) StoredProviderAndOwner(RunningServer server, string reportId)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(server.DataDirectory, "medimaging.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT provider, owner_id FROM reports WHERE id = $id;";
        command.Parameters.AddWithValue("$id", reportId);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read(), $"report {reportId} is not in SQLite");
        return (reader.GetString(0), reader.GetString(1));
    }
}
