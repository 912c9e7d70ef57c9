using MedicalImaging.Server.Reports.Writing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MedicalImaging.Server.Reports;

/// <summary>Registers the report writers.</summary>
public static class ReportWritingServiceCollectionExtensions
{
    /// <summary>The AI report writer, and the template <see cref="IReportWriter"/> unless a host registered its own first.</summary>
    public static IServiceCollection AddReportWriting(this IServiceCollection services)
    {
        services.AddSingleton<AiReportWriter>();
        services.TryAddSingleton<IReportWriter, TemplateReportWriter>();
        return services;
    }
}
