using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Server.Audit;
using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Telemetry;
using MedicalImaging.Tests.Support;
using MedicalImaging.Tests.Support.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;
using AuditEvent = MedicalImaging.Server.Audit.AuditEvent;
using AuditObject = MedicalImaging.Server.Audit.AuditObject;

namespace MedicalImaging.Server.Benchmarks;

/// <summary>
/// What telemetry and the audit trail cost (not a test): the audit append per record (batched fsync, and fsync per
/// record), a span of the "MedicalImaging" source exported over OTLP/HTTP, and whole analyses on an in-process server
/// without telemetry against one with Prometheus metrics and OTLP traces and metrics (both keep the audit trail).
/// </summary>
public static class TelemetryAuditBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var analyses = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;
        await AuditAppendAsync();
        await SpanCostAsync();
        await AnalysesAsync(analyses);
        return 0;
    }

    private static async Task AuditAppendAsync()
    {
        var dir = Directory.CreateTempSubdirectory("medimg-audit-bench-").FullName;
        try
        {
            var log = new AuditLog(
                Options.Create(new AuditOptions()),
                Options.Create(new MedicalImagingOptions { DataDirectory = dir }),
                TimeProvider.System,
                NullLogger<AuditLog>.Instance);
            await log.StartAsync(CancellationToken.None);
            var sample = new AuditEvent
            {
                EventId = "report.read", EventCode = "110110", Action = "R", Outcome = 0, Status = "OK", Operation = "GetReport", Transport = "grpc",
                UserId = "bench-user", Roles = ["clinician"], ClientAddress = "127.0.0.1", Objects = [new AuditObject("report", "rpt_0123456789abcdef")],
                CorrelationId = Guid.NewGuid().ToString("N"), TraceId = ActivityTraceId.CreateRandom().ToHexString(),
            };

            const int batched = 20_000;
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < batched; i++)
            {
                log.Record(sample);
            }

            await log.FlushAsync(CancellationToken.None);
            Console.WriteLine($"audit append, {batched} records then one flush: {watch.Elapsed.TotalMicroseconds / batched:F1} µs/record (hash, JSON, write; fsync per drained batch)");

            const int synced = 300;
            watch.Restart();
            for (var i = 0; i < synced; i++)
            {
                log.Record(sample);
                await log.FlushAsync(CancellationToken.None);
            }

            Console.WriteLine($"audit append, fsync per record ({synced}): {watch.Elapsed.TotalMicroseconds / synced:F0} µs/record");
            Console.WriteLine($"audit line: {new FileInfo(log.Path).Length / (batched + synced)} bytes/record");
            var reader = new AuditLogReader(log);
            foreach (var (label, query) in new[]
            {
                ("first read, other user", new AuditQuery(100, 0, "nobody", null, null)),
                ("other user", new AuditQuery(100, 0, "nobody", null, null)),
                ("last page of every record (parses 100)", new AuditQuery(100, batched + synced - 100, null, null, null)),
                ("time range matching none", new AuditQuery(100, 0, null, DateTimeOffset.MaxValue.AddDays(-1), null)),
            })
            {
                watch.Restart();
                var (page, _) = await reader.ReadAsync(query, CancellationToken.None);
                Console.WriteLine($"ListAuditEvents over {batched + synced} records, {label}: {page.Count} found in {watch.Elapsed.TotalMilliseconds:F0} ms");
            }
            await log.StopAsync(CancellationToken.None);
            log.Dispose();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task SpanCostAsync()
    {
        await using var collector = await FakeOtlpCollector.StartAsync();
        using var tracer = Sdk.CreateTracerProviderBuilder()
            .AddSource(MedicalImagingTelemetry.SourceName)
            .AddOtlpExporter(o =>
            {
                o.Protocol = OtlpExportProtocol.HttpProtobuf;
                o.Endpoint = new Uri(collector.BaseAddress, "v1/traces");
            })
            .Build();
        const int spans = 200_000;
        for (var i = 0; i < 10_000; i++)
        {
            using var warm = MedicalImagingTelemetry.ActivitySource.StartActivity("bench.warmup");
        }

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < spans; i++)
        {
            using var span = MedicalImagingTelemetry.ActivitySource.StartActivity("bench.stage");
            span?.SetTag("stage", "decode");
        }

        var elapsed = watch.Elapsed;
        tracer.ForceFlush();
        Console.WriteLine($"span (sampled, one tag, batched OTLP/HTTP export): {elapsed.TotalNanoseconds / spans:F0} ns/span on the caller's thread");
    }

    private static async Task AnalysesAsync(int count)
    {
        await using var collector = await FakeOtlpCollector.StartAsync();
        var common = new Dictionary<string, string?> { ["CACHE_TTL_MINUTES"] = "0", ["RATE_LIMIT_REQUESTS_PER_MINUTE"] = "100000" };
        await using var plain = await RunningServer.StartAsync(new Dictionary<string, string?>(common));
        await using var observed = await RunningServer.StartAsync(new Dictionary<string, string?>(common)
        {
            ["METRICS_ENABLED"] = "true",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.BaseAddress.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });
        var png = TestImages.ChestPhantomPng(256);
        var plainTimes = new List<double>();
        var observedTimes = new List<double>();
        using var plainChannel = GrpcChannel.ForAddress(plain.GrpcAddress);
        using var observedChannel = GrpcChannel.ForAddress(observed.GrpcAddress);
        var targets = new[]
        {
            (Client: new ImagingService.ImagingServiceClient(plainChannel), Auth: Auth(plain), Times: plainTimes),
            (Client: new ImagingService.ImagingServiceClient(observedChannel), Auth: Auth(observed), Times: observedTimes),
        };
        foreach (var (client, auth, _) in targets)
        {
            await AnalyzeAsync(client, png, auth); // warm up
        }

        for (var i = 0; i < count; i++)
        {
            // Interleaved, so drift in the machine's load falls on both alike.
            foreach (var (client, auth, times) in targets)
            {
                var watch = Stopwatch.StartNew();
                await AnalyzeAsync(client, png, auth);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        Console.WriteLine($"analysis of a 256x256 PNG, {count} each, median (p90): without telemetry {Median(plainTimes):F1} ms ({P90(plainTimes):F1}), "
            + $"with metrics + OTLP traces/metrics {Median(observedTimes):F1} ms ({P90(observedTimes):F1})");
    }

    private static Metadata Auth(RunningServer server) => new() { { "authorization", "Bearer " + server.IssueToken("bench") } };

    private static async Task AnalyzeAsync(ImagingService.ImagingServiceClient client, byte[] png, Metadata auth)
    {
        var request = new AnalyzeRequest();
        request.Images.Add(new ImageInput { Filename = "bench.png", Content = Google.Protobuf.ByteString.CopyFrom(png) });
        using var call = client.Analyze(request, auth);
        await foreach (var _ in call.ResponseStream.ReadAllAsync())
        {
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static double P90(List<double> values) => values.Order().ElementAt((int)(values.Count * 0.9));
}
