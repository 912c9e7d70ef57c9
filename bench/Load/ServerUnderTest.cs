using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MedicalImaging.Auth;

namespace MedicalImaging.Load;

/// <summary>
/// The server being measured: a Release server the tool starts as its own process (local provider, cache off,
/// a fresh temp data directory, every other setting cleared — like tests/TestSupport/ServerProcess.cs), or a
/// running one given by address.
/// </summary>
internal sealed class ServerUnderTest : IAsyncDisposable
{
    /// <summary>Kept from the tool's environment: what dotnet and native libraries need, no setting.</summary>
    private static readonly string[] Inherited = ["PATH", "HOME", "TMPDIR", "DOTNET_ROOT", "DOTNET_CLI_HOME", "LD_LIBRARY_PATH", "LANG"];

    private readonly Process? _process;
    private readonly string? _dataDirectory;
    private readonly ConcurrentQueue<string> _errors = new();

    private ServerUnderTest(Uri rest, Uri grpc, string token, int? pid, Process? process, string? dataDirectory)
    {
        RestAddress = rest;
        GrpcAddress = grpc;
        Token = token;
        Pid = pid;
        _process = process;
        _dataDirectory = dataDirectory;
    }

    public Uri RestAddress { get; }
    public Uri GrpcAddress { get; }
    public string Token { get; private set; }

    /// <summary>The server's process id when known (started here or given with --pid).</summary>
    public int? Pid { get; }

    /// <summary>Error and Critical log lines of the started server, and whatever it wrote to stderr.</summary>
    public IReadOnlyCollection<string> ErrorOutput => _errors;

    public string Description => _process is null ? $"running server at {(Pid is { } p ? $"pid {p}" : "unknown pid")}" : $"started server pid {Pid}";

    public static ServerUnderTest Attach(LoadOptions options) =>
        new(options.Target!, options.Target!, options.Token ?? throw new ArgumentException("--target needs --token (or MEDIMG_TOKEN)."), options.ServerPid, null, null);

    public static async Task<ServerUnderTest> StartAsync(LoadOptions options, string root)
    {
        var dll = options.ServerDll ?? Path.Combine(root, "src/Server.Host/bin/Release/net10.0/medimaging-server.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} is missing: build the server in Release (dotnet build src/Server -c Release) or pass --server-dll.");
        }

        var dataDir = Directory.CreateTempSubdirectory("medimg-load-").FullName;
        var grpcPort = FreePort();
        var httpPort = FreePort();
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["MEDICAL_IMAGING_DATA_DIR"] = dataDir,
            ["MEDICAL_IMAGING_PORT"] = grpcPort.ToString(CultureInfo.InvariantCulture),
            ["MEDICAL_IMAGING_HTTP_PORT"] = httpPort.ToString(CultureInfo.InvariantCulture),
            ["MEDICAL_IMAGING_BIND_ADDRESS"] = "127.0.0.1",
            ["CACHE_TTL_MINUTES"] = "0",
            ["RATE_LIMIT_REQUESTS_PER_MINUTE"] = "1000000",
            // Every stream's analysis waits for a slot instead of being refused: the queue holds them all.
            ["ADMISSION_QUEUE_LENGTH"] = "10000",
            ["ADMISSION_QUEUE_TIMEOUT_SECONDS"] = "600",
            ["LITERATURE_SEARCH_ENABLED"] = "false",
            ["PUBMED_BASE_URL"] = "http://127.0.0.1:9/",
        };
        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        start.Environment.Clear();
        foreach (var name in Inherited)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                start.Environment[name] = value;
            }
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        var rest = new Uri($"http://127.0.0.1:{httpPort}");
        var server = new ServerUnderTest(rest, new Uri($"http://127.0.0.1:{grpcPort}"), string.Empty, process.Id, process, dataDir);
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line && (line.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal) || line.Contains("\"LogLevel\":\"Critical\"", StringComparison.Ordinal))) { server._errors.Enqueue(line); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) { server._errors.Enqueue(line); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await WaitReadyAsync(process, rest);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException(ex.Message + "\n" + string.Join('\n', server._errors.TakeLast(10)), ex);
        }

        // The server made its signing key in the data directory at start: sign a token with it, as ServerProcess does.
        server.Token = DevelopmentTokenIssuer.Issue(SigningKeyStore.Resolve(null, dataDir), "load-bench", TimeSpan.FromHours(12), null, null);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }

        if (_dataDirectory is not null)
        {
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task WaitReadyAsync(Process process, Uri rest)
    {
        using var http = new HttpClient { BaseAddress = rest, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {process.ExitCode} before it was ready.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/api/v1/medical-imaging/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The server was not ready within 120 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
