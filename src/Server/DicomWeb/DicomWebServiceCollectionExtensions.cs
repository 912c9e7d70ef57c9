using MedicalImaging.Server.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.DicomWeb;

/// <summary>Registers DICOMweb: its options (validated at start), the instance index (dicomweb.db in DATA_DIRECTORY) and the handlers.</summary>
public static class DicomWebServiceCollectionExtensions
{
    public static IServiceCollection AddDicomWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DicomWebOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DicomWebOptions>, DicomWebOptionsValidator>();
        services.AddSingleton(sp => new DicomInstanceIndex(
            Path.Combine(sp.GetRequiredService<IOptions<MedicalImagingOptions>>().Value.ResolvedDataDirectory, "dicomweb.db")));
        services.AddSingleton<StowHandler>();
        services.AddSingleton<WadoHandler>();
        services.AddOptions<Studies.StudyAnalysisOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Studies.StudyAnalysisOptions>, Studies.StudyAnalysisOptionsValidator>();
        services.AddSingleton<Studies.StudyAnalysisPlanner>();
        return services;
    }
}
