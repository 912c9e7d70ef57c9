using System.Diagnostics;

namespace MedicalImaging.Server.Telemetry;

/// <summary>
/// The names the service's traces and metrics are published under. One ActivitySource for every span
/// the service starts itself (analysis, stage, provider attempt); OpenTelemetry listens to it by name.
/// </summary>
public static class MedicalImagingTelemetry
{
    /// <summary>The ActivitySource and Meter name of the service's own spans and instruments.</summary>
    public const string SourceName = "MedicalImaging";

    /// <summary>Spans of analyses, stages and provider attempts.</summary>
    public static readonly ActivitySource ActivitySource = new(SourceName);
}
