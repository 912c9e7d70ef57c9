using System.Diagnostics.Metrics;
using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Privacy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MedicalImaging.Server.Telemetry;

/// <summary>
/// OpenTelemetry for the service, registered per host (never a static provider: several hosts in one process, as in the
/// tests or an application mounting the service twice, each keep their own). Traces: ASP.NET Core (every gRPC, REST and
/// WebSocket call), outbound HttpClient calls and the "MedicalImaging" source, exported over OTLP when
/// OTEL_EXPORTER_OTLP_ENDPOINT is set. Metrics: the "MedicalImaging" and "MedicalImaging.Privacy" meters, ASP.NET Core,
/// HttpClient and the runtime, scraped at /metrics (METRICS_ENABLED) and/or exported over OTLP.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    public static IServiceCollection AddMedicalImagingTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().BindSettings(configuration);
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        services.AddSingleton<AnalysisMetrics>();
        services.AddSingleton<OperationalGauges>();

        // Every log line written inside a request or span carries its trace and span id (the JSON console writes them as scope).
        services.Configure<LoggerFactoryOptions>(logging =>
            logging.ActivityTrackingOptions |= ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        var options = configuration.Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!options.ExportsOtlp && !options.MetricsEnabled)
        {
            return services; // nothing listens: instruments cost next to nothing, no spans are sampled
        }

        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(options.ServiceName));
        if (options.ExportsOtlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(MedicalImagingTelemetry.SourceName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(exporter => OtlpSettings.Apply(exporter, options, "traces")));
        }

        telemetry.WithMetrics(metrics =>
        {
            metrics
                .AddMeter(MedicalImagingTelemetry.SourceName, EgressGuard.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation();
            ((IDeferredMeterProviderBuilder)metrics).Configure((sp, builder) =>
            {
                // Meters are process-wide by name: keep only the instruments of this host's meter factory, so another
                // host in the same process (parallel tests, an application mounting two) is not counted here.
                var own = sp.GetRequiredService<IMeterFactory>();
                builder.AddView(instrument => instrument.Meter.Scope is IMeterFactory factory && !ReferenceEquals(factory, own)
                    ? MetricStreamConfiguration.Drop
                    : null);
                _ = sp.GetRequiredService<OperationalGauges>();
            });
            if (options.MetricsEnabled)
            {
                metrics.AddPrometheusExporter();
            }

            if (options.ExportsOtlp)
            {
                metrics.AddOtlpExporter(exporter => OtlpSettings.Apply(exporter, options, "metrics"));
            }
        });
        return services;
    }
}
