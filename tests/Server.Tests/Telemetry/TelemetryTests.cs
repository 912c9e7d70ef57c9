using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Grpc.Core;
using Grpc.Net.Client;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Tests.Support;
using MedicalImaging.Tests.Support.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MedicalImaging.Server.Tests.Telemetry;

/// <summary>Metrics scraped, traces exported and trace ids logged, through real servers.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task MetricsEndpoint_AfterAnalysis_CountsAnalysesStagesProvidersAndAdmission_NoIdsInLabels_OtherHostUncounted()
    {
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?> { ["METRICS_ENABLED"] = "true" });
        await using var neighbour = await RunningServer.StartAsync(new Dictionary<string, string?> { ["METRICS_ENABLED"] = "true" });
        using var channel = GrpcChannel.ForAddress(server.GrpcAddress);
        var client = new ImagingService.ImagingServiceClient(channel);
        var auth = new Metadata { { "authorization", "Bearer " + server.IssueToken("metrics-user") } };
        var report = await client.AnalyzeToReportAsync(Calls.Request(TestImages.ChestPhantomPng(96, seed: 88)), auth);
        await Assert.ThrowsAsync<RpcException>(async () => await client.AnalyzeAsync(new AnalyzeRequest(), auth)); // invalid: refused before it starts

        using var http = new HttpClient { BaseAddress = server.HttpAddress, Timeout = Calls.Timeout };
        var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative)); // no token needed

        Assert.Equal(1, Value(text, "medimaging_analyses_started_total"));
        Assert.Equal(1, Value(text, "medimaging_analyses_completed_total"));
        Assert.Equal(1, Value(text, "medimaging_analysis_stage_duration_seconds_count", "stage=\"decode\""));
        Assert.Equal(1, Value(text, "medimaging_analysis_stage_duration_seconds_count", "stage=\"vision\""));
        Assert.Equal(1, Value(text, "medimaging_provider_attempts_total", "provider=\"local\"", "outcome=\"success\""));
        Assert.Equal(0, Value(text, "medimaging_admission_queue_depth"));
        Assert.Equal(0, Value(text, "medimaging_admission_memory_reserved_bytes"));
        Assert.True(Value(text, "medimaging_admission_memory_budget_bytes") > 0);
        Assert.Equal(0, Value(text, "medimaging_provider_circuit_state", "provider=\"local\""));
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Id, text, StringComparison.Ordinal);
        Assert.DoesNotContain(report.AnalysisId, text, StringComparison.Ordinal);
        Assert.DoesNotContain("image0.png", text, StringComparison.Ordinal);

        // Another host in the same process shares the meter names but not the counts.
        using var neighbourHttp = new HttpClient { BaseAddress = neighbour.HttpAddress, Timeout = Calls.Timeout };
        var neighbourText = await neighbourHttp.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.DoesNotContain("medimaging_analyses_started_total{", neighbourText, StringComparison.Ordinal);
        Assert.Contains("medimaging_admission_queue_depth", neighbourText, StringComparison.Ordinal);

        // Only on the REST port.
        using var onGrpcPort = new HttpClient(new SocketsHttpHandler()) { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var grpcPortAnswer = await onGrpcPort.GetAsync(new Uri(server.GrpcAddress, "/metrics"));
        Assert.NotEqual(HttpStatusCode.OK, grpcPortAnswer.StatusCode);
    }

    [Fact]
    public async Task MetricsEndpoint_NotEnabled_NotFound()
    {
        await using var server = await RunningServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.HttpAddress, Timeout = Calls.Timeout };
        using var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task OtlpEndpoint_HttpProtobuf_CollectorReceivesTheCallsSpansAndMetrics_UnderTheServiceName()
    {
        await using var collector = await FakeOtlpCollector.StartAsync();
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.BaseAddress.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "medimaging-otlp-test",
        });
        using var channel = GrpcChannel.ForAddress(server.GrpcAddress);
        var client = new ImagingService.ImagingServiceClient(channel);
        await client.ListReportsAsync(new ListReportsRequest(), new Metadata { { "authorization", "Bearer " + server.IssueToken("trace-user") } });

        Assert.True(server.Services.GetRequiredService<TracerProvider>().ForceFlush(30_000));
        Assert.True(server.Services.GetRequiredService<MeterProvider>().ForceFlush(30_000));
        var traces = string.Join('\n', collector.Bodies("/v1/traces"));
        Assert.Contains("medimaging-otlp-test", traces, StringComparison.Ordinal);
        Assert.Contains("medimaging.v1.ImagingService/ListReports", traces, StringComparison.Ordinal);
        var metrics = string.Join('\n', collector.Bodies("/v1/metrics"));
        Assert.Contains("medimaging.admission.memory.budget", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogLine_OfARequest_CarriesTheCallersTraceId()
    {
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        });
        var log = new LogCapture();
        server.Services.GetRequiredService<ILoggerFactory>().AddProvider(log);
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var http = new HttpClient { BaseAddress = server.HttpAddress, Timeout = Calls.Timeout };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/medical-imaging/reports");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

        var line = Assert.Single(log.Text.Split('\n'), l => l.Contains("Request starting", StringComparison.Ordinal) && l.Contains("/api/v1/medical-imaging/reports", StringComparison.Ordinal));
        Assert.Contains($"TraceId={traceId}", line, StringComparison.Ordinal);
        Assert.Matches("SpanId=[0-9a-f]{16}", line);
    }

    [Theory]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4317")]
    public async Task Start_BadOtlpSetting_FailsNamingTheVariable(string variable, string value)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9",
            [variable] = value,
        }));
        Assert.Contains(variable, error.Message, StringComparison.Ordinal);
    }

    /// <summary>The value of the Prometheus series <paramref name="name"/> whose labels include all of <paramref name="labels"/>.</summary>
    private static double Value(string exposition, string name, params string[] labels)
    {
        var series = exposition.Split('\n').Where(l => Regex.IsMatch(l, $"^{Regex.Escape(name)}(\\{{|\\s)") && labels.All(l.Contains)).ToList();
        var line = Assert.Single(series);
        return double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
