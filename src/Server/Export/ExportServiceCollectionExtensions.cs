using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MedicalImaging.Server.Export;

/// <summary>Registers report export (DICOM SR, FHIR R4, JSON).</summary>
public static class ExportServiceCollectionExtensions
{
    /// <summary>Adds <see cref="ReportExporter"/>; it needs the report queries registered by the host.</summary>
    public static IServiceCollection AddReportExport(this IServiceCollection services)
    {
        services.TryAddSingleton<ReportExporter>();
        return services;
    }
}
