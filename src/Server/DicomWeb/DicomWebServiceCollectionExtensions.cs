using MedicalImaging.Server.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.DicomWeb;

/// <summary>Registers DICOMweb: its options (validated at start), the instance index (dicomweb.db in DATA_DIRECTORY) and the handlers.</summary>
public static class DicomWebServiceCollectionExtensions
{
    /// <summary>DICOMWEB_* settings, the per-owner instance index and the STOW/WADO handlers.</summary>
    public static IServiceCollection AddDicomWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DicomWebOptions>().BindSettings(configuration);
        services.AddSingleton<IValidateOptions<DicomWebOptions>, DicomWebOptionsValidator>();
        services.AddSingleton(sp => new DicomInstanceIndex(
            Path.Combine(sp.GetRequiredService<IOptions<MedicalImagingOptions>>().Value.ResolvedDataDirectory, "dicomweb.db")));
        services.AddSingleton<StowHandler>();
        services.AddSingleton<WadoHandler>();
        return services;
    }
}
