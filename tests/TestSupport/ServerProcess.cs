using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MedicalImaging.Auth;

namespace MedicalImaging.Tests.Support;

/// <summary>
/// The real server as a separate process: the built standalone host (src/Server.Host, medimaging-server.dll) run with <c>dotnet</c>, with an
/// environment holding only what the test sets (plus what dotnet itself needs), its own data directory and
/// free ports. Ready when its REST health route answers. Can be killed (SIGKILL) or stopped (SIGTERM) and
/// started again on the same data directory, to test what survives a crash or a restart.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    /// <summary>Environment variables kept from the test's own environment: what dotnet and native libraries need, no setting.</summary>
    private static readonly string[] Inherited = ["PATH", "HOME", "TMPDIR", "DOTNET_ROOT", "DOTNET_CLI_HOME", "LD_LIBRARY_PATH", "LANG"];
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;
    private readonly bool _ownsDataDirectory;
    private int _disposed;

    private ServerProcess(Process process, ConcurrentQueue<string> output, Uri grpc, Uri http, string dataDirectory, bool ownsDataDirectory, IReadOnlyDictionary<string, string> settings)
    {
        _process = process;
        _output = output;
        GrpcAddress = grpc;
        HttpAddress = http;
        DataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
        Settings = settings;
    }

    /// <summary>The gRPC (h2c) address.</summary>
    public Uri GrpcAddress { get; }

    /// <summary>The REST (HTTP/1.1) address.</summary>
    public Uri HttpAddress { get; }

    /// <summary>The data directory (deleted on dispose unless the caller supplied it).</summary>
    public string DataDirectory { get; }

    /// <summary>The settings the process was started with (ports and data directory included).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>Every line the process wrote (JSON console logs), stdout and stderr.</summary>
    public IReadOnlyList<string> Output => _output.ToList();

    /// <summary>Log lines at Error or Critical level.</summary>
    public IReadOnlyList<string> ErrorLines => _output.Where(l => l.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal)
                                                                  || l.Contains("\"LogLevel\":\"Critical\"", StringComparison.Ordinal)).ToList();

    /// <summary>True once the process ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code (after <see cref="WaitForExitAsync"/>).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Starts the server with <paramref name="settings"/> (environment variable names). A MEDICAL_IMAGING_DATA_DIR
    /// setting reuses that directory (a restart); otherwise a fresh one is made and deleted on dispose.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var values = new Dictionary<string, string>(settings ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        var ownsData = !values.TryGetValue("MEDICAL_IMAGING_DATA_DIR", out var dataDir);
        if (ownsData)
        {
            dataDir = Directory.CreateTempSubdirectory("medimg-proc-").FullName;
            values["MEDICAL_IMAGING_DATA_DIR"] = dataDir!;
        }

        values.TryAdd("MEDICAL_IMAGING_BIND_ADDRESS", "127.0.0.1");
        values.TryAdd("RATE_LIMIT_REQUESTS_PER_MINUTE", "1000");
        values.TryAdd("LITERATURE_SEARCH_ENABLED", "false");
        values.TryAdd("PUBMED_BASE_URL", "http://127.0.0.1:9/");
        values.TryAdd("Logging__LogLevel__Default", "Information");
        values.TryAdd("Logging__LogLevel__Microsoft.AspNetCore", "Warning");
        // Given ports are kept (a restart at the same address, as behind a load balancer); else free ones.
        values.TryAdd("MEDICAL_IMAGING_PORT", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        values.TryAdd("MEDICAL_IMAGING_HTTP_PORT", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(ServerDll)!,
        };
        start.ArgumentList.Add(ServerDll);
        start.Environment.Clear();
        foreach (var name in Inherited)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                start.Environment[name] = value;
            }
        }

        foreach (var (key, value) in values)
        {
            start.Environment[key] = value;
        }

        var output = new ConcurrentQueue<string>();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, output,
            new Uri($"http://127.0.0.1:{values["MEDICAL_IMAGING_PORT"]}"),
            new Uri($"http://127.0.0.1:{values["MEDICAL_IMAGING_HTTP_PORT"]}"),
            dataDir!, ownsData, values);
        try
        {
            await server.WaitReadyAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Starts another server process on this one's data directory (after it ended).</summary>
    public Task<ServerProcess> RestartAsync(IReadOnlyDictionary<string, string>? changes = null)
    {
        var values = Settings.Where(kv => kv.Key is not ("MEDICAL_IMAGING_PORT" or "MEDICAL_IMAGING_HTTP_PORT"))
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        foreach (var (key, value) in changes ?? new Dictionary<string, string>())
        {
            values[key] = value;
        }

        return StartAsync(values);
    }

    /// <summary>A token the server accepts for <paramref name="userId"/> (signed with the data directory's key).</summary>
    public string IssueToken(string userId)
    {
        var key = SigningKeyStore.Resolve(Settings.GetValueOrDefault("JWT_SECRET"), DataDirectory);
        return DevelopmentTokenIssuer.Issue(key, userId, TimeSpan.FromHours(1), Settings.GetValueOrDefault("JWT_ISSUER"), Settings.GetValueOrDefault("JWT_AUDIENCE"));
    }

    /// <summary>kill -9: the process ends at once, nothing flushed, nothing cleaned up.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>kill -TERM: a normal stop (what a deploy or systemd sends).</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false })!;
        await kill.WaitForExitAsync();
    }

    /// <summary>Waits for the process to end.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
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

    /// <summary>Deletes a data directory a test kept across restarts.</summary>
    public static void DeleteDataDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = HttpAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < ReadyTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {_process.ExitCode} before it was ready:\n{string.Join('\n', Output.TakeLast(40))}");
            }

            try
            {
                using var response = await http.GetAsync("/api/v1/medical-imaging/health");
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

        throw new TimeoutException($"The server was not ready within {ReadyTimeout.TotalSeconds:0} s:\n{string.Join('\n', Output.TakeLast(40))}");
    }

    private static readonly string ServerDll = LocateServer();

    private static string LocateServer()
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MedicalImaging.sln")))
        {
            directory = directory.Parent;
        }

        var dll = Path.Combine(directory?.FullName ?? throw new InvalidOperationException("MedicalImaging.sln not found above the test directory."),
            "src", "Server.Host", "bin", configuration, "net10.0", "medimaging-server.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build src/Server.Host ({configuration}) first.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
