using System.Net;
using System.Net.Sockets;
using MedicalImaging.Auth;
using MedicalImaging.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MedicalImaging.Tests.Support;

/// <summary>
/// The real server (Kestrel, SQLite, local provider) started in-process on two free loopback ports with
/// a fresh data directory. It reads no environment variable: only the settings a test passes apply. Error logs are captured so tests can assert none happened.
/// </summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _ownsDataDirectory;

    private RunningServer(WebApplication app, Uri grpc, Uri http, string dataDirectory, bool ownsDataDirectory, IReadOnlyDictionary<string, string?> settings, ErrorLogCollector errors)
    {
        _app = app;
        GrpcAddress = grpc;
        HttpAddress = http;
        DataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
        Settings = settings;
        Errors = errors;
    }

    /// <summary>The gRPC address, e.g. http://127.0.0.1:5xxxx (h2c), or https:// when TLS_CERT_PATH is set.</summary>
    public Uri GrpcAddress { get; }

    /// <summary>The REST (HTTP/1.1, or HTTPS with TLS) address.</summary>
    public Uri HttpAddress { get; }

    /// <summary>The server's data directory (deleted on dispose unless supplied by the caller).</summary>
    public string DataDirectory { get; }

    /// <summary>The settings the server was started with.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>Error-level log entries the server wrote.</summary>
    public ErrorLogCollector Errors { get; }

    /// <summary>The server's services (for white-box checks such as the vector index).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a server. <paramref name="settings"/> use the environment variable names; a
    /// MEDICAL_IMAGING_DATA_DIR setting reuses that directory (to test restarts).</summary>
    public static Task<RunningServer> StartAsync(IDictionary<string, string?>? settings = null) => StartAsync(settings, configureServices: null);

    /// <summary>As above; <paramref name="configureServices"/> registers services before the server's own (kept: e.g. a FakeTimeProvider).</summary>
    public static async Task<RunningServer> StartAsync(IDictionary<string, string?>? settings, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureServices)
    {
        var values = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>(), StringComparer.Ordinal);
        var ownsData = !values.TryGetValue("MEDICAL_IMAGING_DATA_DIR", out var dataDir) || string.IsNullOrEmpty(dataDir);
        if (ownsData)
        {
            dataDir = Directory.CreateTempSubdirectory("medimg-test-").FullName;
            values["MEDICAL_IMAGING_DATA_DIR"] = dataDir;
        }

        values.TryAdd("MEDICAL_IMAGING_BIND_ADDRESS", "127.0.0.1");
        values.TryAdd("Logging:LogLevel:Default", "Warning");
        values.TryAdd("RATE_LIMIT_REQUESTS_PER_MINUTE", "1000");
        // Tests never reach the real PubMed or AI providers: tests that need them start fakes and set the URLs.
        values.TryAdd("LITERATURE_SEARCH_ENABLED", "false");
        values.TryAdd("PUBMED_BASE_URL", "http://127.0.0.1:9/");
        for (var attempt = 0; ; attempt++)
        {
            values["MEDICAL_IMAGING_PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
            values["MEDICAL_IMAGING_HTTP_PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
            // No environment variable reaches the server: a developer's exported GEMINI_API_KEY, JWT_SECRET,
            // STORAGE_PROVIDER, OTEL_* … change nothing; only these settings (and the defaults) apply.
            var app = MedicalImagingHost.Build([], values, readEnvironment: false, configureServices);
            var errors = new ErrorLogCollector();
            app.Services.GetRequiredService<ILoggerFactory>().AddProvider(errors);
            try
            {
                await app.StartAsync();
            }
            catch (IOException) when (attempt < 3)
            {
                // Another process took a port between probing and binding: try new ones.
                await app.DisposeAsync();
                continue;
            }

            var scheme = values.TryGetValue("TLS_CERT_PATH", out var tls) && !string.IsNullOrEmpty(tls) ? "https" : "http";
            return new RunningServer(
                app,
                new Uri($"{scheme}://127.0.0.1:{values["MEDICAL_IMAGING_PORT"]}"),
                new Uri($"{scheme}://127.0.0.1:{values["MEDICAL_IMAGING_HTTP_PORT"]}"),
                dataDir!,
                ownsData,
                values,
                errors);
        }
    }

    /// <summary>A token the server accepts, for <paramref name="userId"/>.</summary>
    public string IssueToken(string userId, TimeSpan? lifetime = null)
    {
        Settings.TryGetValue("JWT_SECRET", out var secret);
        Settings.TryGetValue("JWT_ISSUER", out var issuer);
        Settings.TryGetValue("JWT_AUDIENCE", out var audience);
        var key = SigningKeyStore.Resolve(secret, DataDirectory);
        return DevelopmentTokenIssuer.Issue(key, userId, lifetime ?? TimeSpan.FromHours(1), issuer, audience);
    }

    public async ValueTask DisposeAsync()
    {
        if (Errors.Entries.Count > 0)
        {
            // Kept for whoever reads a failing test: the server's own account of what went wrong.
            await File.AppendAllLinesAsync(Path.Combine(Path.GetTempPath(), "medimg-test-server-errors.log"), Errors.Entries);
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownsDataDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
