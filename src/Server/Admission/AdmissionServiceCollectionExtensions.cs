using MedicalImaging.Server.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Admission;

/// <summary>Registers the memory budget and concurrency limit in front of the pipeline.</summary>
public static class AdmissionServiceCollectionExtensions
{
    /// <summary>ANALYSIS_MEMORY_BUDGET_MB, MAX_CONCURRENT_ANALYSES, ADMISSION_QUEUE_* and the <see cref="AnalysisAdmission"/> that applies them.</summary>
    public static IServiceCollection AddAnalysisAdmission(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdmissionOptions>().BindSettings(configuration);
        services.AddSingleton<IValidateOptions<AdmissionOptions>, AdmissionOptionsValidator>();
        services.AddSingleton<AnalysisAdmission>();
        return services;
    }
}
