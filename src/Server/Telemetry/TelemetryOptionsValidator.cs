using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Telemetry;

/// <summary>Refuses to start on an OTLP endpoint or protocol the exporter could not use, naming the variable.</summary>
public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.ExportsOtlp && (!Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            failures.Add($"OTEL_EXPORTER_OTLP_ENDPOINT must be an absolute http(s) URL, e.g. http://collector:4317; got '{options.OtlpEndpoint}'.");
        }

        if (OtlpSettings.ParseProtocol(options.OtlpProtocol) is null)
        {
            failures.Add($"OTEL_EXPORTER_OTLP_PROTOCOL must be grpc or http/protobuf; got '{options.OtlpProtocol}'.");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceName))
        {
            failures.Add("OTEL_SERVICE_NAME must not be empty (default medimaging).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
