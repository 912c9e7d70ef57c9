using Microsoft.Extensions.Configuration;

namespace MedicalImaging.Server.Telemetry;

/// <summary>
/// Where traces and metrics go. Bound from the standard OpenTelemetry variable names (so an operator's usual
/// OTEL_* settings work) plus METRICS_ENABLED for the Prometheus scrape endpoint.
/// </summary>
public sealed class TelemetryOptions
{
    /// <summary>
    /// Base URL of an OTLP collector (e.g. http://collector:4317 for gRPC, http://collector:4318 for HTTP). Unset (default):
    /// nothing is exported and no tracer is installed. With http/protobuf, /v1/traces and /v1/metrics are appended.
    /// </summary>
    [ConfigurationKeyName("OTEL_EXPORTER_OTLP_ENDPOINT")]
    public string? OtlpEndpoint { get; set; }

    /// <summary>OTLP transport: grpc (default) or http/protobuf.</summary>
    [ConfigurationKeyName("OTEL_EXPORTER_OTLP_PROTOCOL")]
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>service.name of every span and metric. Default medimaging.</summary>
    [ConfigurationKeyName("OTEL_SERVICE_NAME")]
    public string ServiceName { get; set; } = "medimaging";

    /// <summary>
    /// Serve Prometheus metrics at GET /metrics on the REST port, without a token: true or false. Default false, because
    /// an unauthenticated endpoint on a public bind tells anyone the load, the providers in use and their failures; the
    /// series carry no patient data (no ids, no file names; routes are templates).
    /// </summary>
    [ConfigurationKeyName("METRICS_ENABLED")]
    public bool MetricsEnabled { get; set; }

    /// <summary>Whether an OTLP endpoint is configured.</summary>
    public bool ExportsOtlp => !string.IsNullOrWhiteSpace(OtlpEndpoint);
}
