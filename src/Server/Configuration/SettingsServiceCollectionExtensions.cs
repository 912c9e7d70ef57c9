using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Configuration;

/// <summary>Registers the server-wide settings every capability reads.</summary>
public static class SettingsServiceCollectionExtensions
{
    /// <summary>
    /// MEDICAL_IMAGING_* ports, bind address and data directory, image limits, cache, rate limit, retries (<see cref="MedicalImagingOptions"/>),
    /// validated at start together with the store and embedder choice they decide.
    /// </summary>
    public static IServiceCollection AddMedicalImagingSettings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MedicalImagingOptions>().BindSettings(configuration);
        services.AddSingleton<IValidateOptions<MedicalImagingOptions>, MedicalImagingOptionsValidator>();
        return services;
    }
}
