using OpenTelemetry.Exporter;

namespace MedicalImaging.Server.Telemetry;

/// <summary>
/// Turns the OTEL_EXPORTER_OTLP_* settings into exporter options. Set in code rather than left to the SDK's own reading
/// of the environment, so a host configured through IConfiguration (tests, an application that mounts the service) is
/// obeyed too. An endpoint set in code is used as given, so the per-signal path of OTLP/HTTP is appended here.
/// </summary>
public static class OtlpSettings
{
    /// <summary>The protocol named by OTEL_EXPORTER_OTLP_PROTOCOL, or null when it names none.</summary>
    public static OtlpExportProtocol? ParseProtocol(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "grpc" => OtlpExportProtocol.Grpc,
        "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
        _ => null,
    };

    /// <summary>Points <paramref name="exporter"/> at the configured collector for one signal ("traces" or "metrics").</summary>
    public static void Apply(OtlpExporterOptions exporter, TelemetryOptions options, string signal)
    {
        ArgumentNullException.ThrowIfNull(exporter);
        ArgumentNullException.ThrowIfNull(options);
        var protocol = ParseProtocol(options.OtlpProtocol) ?? OtlpExportProtocol.Grpc;
        var endpoint = options.OtlpEndpoint!.TrimEnd('/');
        exporter.Protocol = protocol;
        exporter.Endpoint = new Uri(protocol == OtlpExportProtocol.HttpProtobuf ? $"{endpoint}/v1/{signal}" : endpoint);
    }
}
