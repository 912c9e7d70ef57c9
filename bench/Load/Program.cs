using System.Globalization;
using MedicalImaging.Load;

// Whole-request load tool (docs/BENCHMARKS.md, "Whole-request throughput (load tool)"):
//   dotnet run -c Release --project bench/Load                  REST, starts its own Release server
//   dotnet run -c Release --project bench/Load -- --grpc        the same through the .NET SDK
//   dotnet run -c Release --project bench/Load -- --help        every option
LoadOptions options;
try
{
    if (args.Contains("--help") || args.Contains("-h"))
    {
        Console.WriteLine(LoadOptions.Usage);
        return 0;
    }

    options = LoadOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}

var root = FindRoot();
var imagePath = Path.IsPathRooted(options.Image) ? options.Image : Path.Combine(root, options.Image);
var image = await File.ReadAllBytesAsync(imagePath);
await using var server = options.Target is null ? await ServerUnderTest.StartAsync(options, root) : ServerUnderTest.Attach(options);
await using var sampler = server.Pid is { } pid ? new ProcessSampler(pid) : null;
using IAnalysisClient client = options.Grpc
    ? new GrpcAnalysisClient(server.GrpcAddress, server.Token, image, Path.GetFileName(imagePath))
    : new RestAnalysisClient(server.RestAddress, server.Token, image, Path.GetFileName(imagePath));

var run = new LoadRun(client, sampler);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{(options.Grpc ? "gRPC (SDK)" : "REST NDJSON")}, {Path.GetFileName(imagePath)} ({image.Length / 1024} KB), {server.Description}, {Environment.ProcessorCount} cores, load average {LoadAverage()}"));
var idleRss = sampler?.HighWaterMb ?? double.NaN;
await run.WarmUpAsync(options.Warmup);
var results = new List<PhaseResult>();
if (options.Sequential > 0)
{
    results.Add(await run.SequentialAsync(options.Sequential));
}

if (options.Concurrency > 0)
{
    results.Add(await run.ConcurrentAsync(options.Concurrency, options.ConcurrentTotal));
}

var highWater = sampler?.HighWaterMb ?? double.NaN;
Console.WriteLine();
Console.WriteLine("| Phase | Streams | OK | Failed | p50 ms | p95 ms | p99 ms | Analyses/s | Server CPU ms/analysis | Peak RSS MB |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var r in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {r.Name} | {r.Streams} | {r.Ok} | {r.Failed} | {r.Percentile(50):F1} | {r.Percentile(95):F1} | {r.Percentile(99):F1} | {r.Throughput:F1} | {r.CpuMsPerAnalysis:F1} | {r.PeakRssMb:F0} |"));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Server RSS high-water mark (VmHWM, whole life): {highWater:F0} MB (after start: {idleRss:F0} MB); load average now {LoadAverage()}"));
foreach (var r in results.Where(r => r.StageMedians.Count > 0))
{
    Console.WriteLine($"  {r.Name}: server stage medians (ms, report provenance): "
        + string.Join(", ", r.StageMedians.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Stage} {s.MedianMs:F1}"))));
}

var failed = false;
foreach (var r in results)
{
    foreach (var (error, count) in r.Errors)
    {
        Console.WriteLine($"  {r.Name}: {count} x {error}");
        failed = true;
    }
}

foreach (var line in server.ErrorOutput.Take(20))
{
    Console.WriteLine("server: " + line);
}

return failed ? 1 : 0;

static string FindRoot()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MedicalImaging.sln")))
    {
        directory = directory.Parent;
    }

    return directory?.FullName ?? Directory.GetCurrentDirectory();
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
