using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using MedicalImaging.Auth;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Tests.Support;

namespace MedicalImaging.Server.Benchmarks;

/// <summary>
/// The hostile-input memory bench (not a test): starts the real server (Release build, its own process)
/// with a memory budget, sends 10 concurrent 10000×10000 RGB PNGs and 10 deflate bombs while a client
/// keeps sending normal analyses, samples the server's RSS from /proc/PID/status, and checks that the
/// peak (VmHWM) stays within budget + 300 MB and that every normal analysis was answered.
/// <c>--admission-single</c> analyses one huge PNG with a large budget instead, to measure what one costs.
/// </summary>
public static class AdmissionBench
{
    private const string Secret = "admission-bench-secret-0123456789abcdef";

    public static async Task<int> RunAsync(string[] args)
    {
        var single = args[0] == "--admission-single";
        var budgetMb = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3000;
        var concurrency = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 4;
        var serverDll = Path.Combine(FindRoot(), "src/Server.Host/bin/Release/net10.0/medimaging-server.dll");
        if (!File.Exists(serverDll))
        {
            Console.Error.WriteLine($"Build the server first: dotnet build src/Server.Host -c Release ({serverDll} is missing).");
            return 2;
        }

        var dataDir = Directory.CreateTempSubdirectory("medimg-admission-bench-").FullName;
        var grpcPort = FreePort();
        var start = new ProcessStartInfo("dotnet", [serverDll]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["MEDICAL_IMAGING_DATA_DIR"] = dataDir,
            ["MEDICAL_IMAGING_PORT"] = grpcPort.ToString(CultureInfo.InvariantCulture),
            ["MEDICAL_IMAGING_HTTP_PORT"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["MEDICAL_IMAGING_BIND_ADDRESS"] = "127.0.0.1",
            ["JWT_SECRET"] = Secret,
            ["JWT_ISSUER"] = "admission-bench",
            ["JWT_AUDIENCE"] = "medimaging",
            ["ANALYSIS_MEMORY_BUDGET_MB"] = budgetMb.ToString(CultureInfo.InvariantCulture),
            ["MAX_CONCURRENT_ANALYSES"] = concurrency.ToString(CultureInfo.InvariantCulture),
            ["ADMISSION_QUEUE_LENGTH"] = "64",
            ["ADMISSION_QUEUE_TIMEOUT_SECONDS"] = "300",
            ["RATE_LIMIT_REQUESTS_PER_MINUTE"] = "100000",
            ["CACHE_TTL_MINUTES"] = "0",
            ["LITERATURE_SEARCH_ENABLED"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
        })
        {
            start.Environment[key] = value;
        }

        using var server = Process.Start(start)!;
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("server: " + e.Data); } };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}", new GrpcChannelOptions { MaxSendMessageSize = 64 << 20 });
            var client = new ImagingService.ImagingServiceClient(channel);
            var auth = new Metadata { { "authorization", "Bearer " + DevelopmentTokenIssuer.Issue(SigningKeyStore.Resolve(Secret, dataDir), "bench", TimeSpan.FromHours(1), "admission-bench", "medimaging") } };
            await WaitUntilUpAsync(client, auth);

            var png = HostileImages.FlatPng(10000, 10000);
            var bomb = HostileImages.DeflatedDicom(20000, 20000); // 400 MB of zeros inflated
            var normal = TestImages.ChestPhantomPng(512);
            await AnalyzeAsync(client, normal, auth); // warm up (JIT, OpenCV, SQLite)
            var baseline = Status(server.Id);
            Console.WriteLine($"budget {budgetMb} MB, MAX_CONCURRENT_ANALYSES {concurrency}; PNG {png.Length / 1024} KB (10000x10000 RGB), bomb {bomb.Length / 1024} KB (400 MB inflated)");
            Console.WriteLine($"baseline after warm-up: VmRSS {baseline.Rss} MB, VmHWM {baseline.Hwm} MB");

            using var sampling = new CancellationTokenSource();
            long peakRss = 0;
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    peakRss = Math.Max(peakRss, Status(server.Id).Rss);
                    await Task.Delay(20, CancellationToken.None);
                }
            });

            var watch = Stopwatch.StartNew();
            var hostile = single
                ? [AnalyzeAsync(client, png, auth)]
                : Enumerable.Range(0, 10).Select(_ => AnalyzeAsync(client, png, auth))
                    .Concat(Enumerable.Range(0, 10).Select(_ => AnalyzeAsync(client, bomb, auth))).ToList();
            var normals = new List<(string Outcome, double Ms)>();
            var all = Task.WhenAll(hostile);
            while (!all.IsCompleted || normals.Count == 0)
            {
                var started = Stopwatch.GetTimestamp();
                var outcome = await AnalyzeAsync(client, normal, auth);
                normals.Add((outcome, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            }

            var outcomes = await all;
            var elapsed = watch.Elapsed;
            await sampling.CancelAsync();
            await sampler;
            var end = Status(server.Id);
            var peak = Math.Max(end.Hwm, peakRss);
            Console.WriteLine($"hostile requests finished in {elapsed.TotalSeconds:F1} s");
            foreach (var group in outcomes.Select((o, i) => (Kind: single || i < 10 ? "png 10000x10000" : "deflate bomb", o)).GroupBy(x => (x.Kind, x.o)))
            {
                Console.WriteLine($"  {group.Key.Kind}: {group.Count()} x {group.Key.o}");
            }

            var sorted = normals.Select(n => n.Ms).Order().ToList();
            Console.WriteLine($"normal 512x512 analyses during the run: {normals.Count(n => n.Outcome == "OK")}/{normals.Count} OK, p50 {sorted[sorted.Count / 2]:F0} ms, max {sorted[^1]:F0} ms");
            Console.WriteLine($"peak RSS: VmHWM {end.Hwm} MB (sampled max VmRSS {peakRss} MB); baseline {baseline.Rss} MB; growth {peak - baseline.Rss} MB");
            var limit = budgetMb + 300;
            var ok = peak <= limit && normals.All(n => n.Outcome == "OK");
            Console.WriteLine(ok ? $"PASS: peak {peak} MB <= budget + 300 = {limit} MB, every normal analysis answered"
                                 : $"FAIL: peak {peak} MB vs budget + 300 = {limit} MB; normal analyses OK {normals.Count(n => n.Outcome == "OK")}/{normals.Count}");
            return single || ok ? 0 : 1;
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static async Task<string> AnalyzeAsync(ImagingService.ImagingServiceClient client, byte[] image, Metadata auth)
    {
        var request = new AnalyzeRequest();
        request.Images.Add(new ImageInput { Filename = "bench", Content = ByteString.CopyFrom(image) });
        try
        {
            using var call = client.Analyze(request, auth, DateTime.UtcNow.AddMinutes(10));
            AnalyzeResponse? last = null;
            await foreach (var item in call.ResponseStream.ReadAllAsync())
            {
                last = item;
            }

            return last?.Result is not null ? "OK" : "no result";
        }
        catch (RpcException ex)
        {
            return ex.StatusCode.ToString();
        }
    }

    private static async Task WaitUntilUpAsync(ImagingService.ImagingServiceClient client, Metadata auth)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await client.GetHealthAsync(new GetHealthRequest(), auth);
                return;
            }
            catch (RpcException) when (attempt < 300)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>VmRSS and VmHWM of a process, in MB.</summary>
    private static (long Rss, long Hwm) Status(int pid)
    {
        long rss = 0, hwm = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) { rss = Kb(line) / 1024; }
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) { hwm = Kb(line) / 1024; }
        }

        return (rss, hwm);

        static long Kb(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MedicalImaging.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
