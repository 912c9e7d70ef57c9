using MedicalImaging.Server.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MedicalImaging.Server.Configuration;

namespace MedicalImaging.Server.Telemetry;

/// <summary>Maps the Prometheus scrape endpoint when METRICS_ENABLED=true.</summary>
public static class TelemetryEndpointExtensions
{
    public const string MetricsPath = "/metrics";

    /// <summary>
    /// GET /metrics on the REST port only, without a token (scrapers rarely carry one; the series hold no patient data).
    /// </summary>
    public static WebApplication MapMedicalImagingMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.MetricsEnabled)
        {
            var httpPort = app.Services.GetRequiredService<IOptions<MedicalImagingOptions>>().Value.HttpPort;
            app.MapPrometheusScrapingEndpoint(MetricsPath).RequireHost($"*:{httpPort}").AllowAnonymous().WithMetadata(MedicalImagingEndpoint.Marker);
        }

        return app;
    }
}
