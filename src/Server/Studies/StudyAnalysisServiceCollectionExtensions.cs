using MedicalImaging.Server.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Studies;

/// <summary>Registers whole-study analysis: STUDY_MAX_FRAMES (validated at start) and the planner that picks the frames.</summary>
public static class StudyAnalysisServiceCollectionExtensions
{
    /// <summary>Study analysis over the instances DICOMweb stored (needs <c>AddDicomWeb</c>).</summary>
    public static IServiceCollection AddStudyAnalysis(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StudyAnalysisOptions>().BindSettings(configuration);
        services.AddSingleton<IValidateOptions<StudyAnalysisOptions>, StudyAnalysisOptionsValidator>();
        services.AddSingleton<StudyAnalysisPlanner>();
        return services;
    }
}
