using MedicalImaging.Server.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Uploads;

/// <summary>Registers where uploaded images are kept, per user, under a quota.</summary>
public static class ImageUploadServiceCollectionExtensions
{
    /// <summary>USER_STORAGE_QUOTA_MB / UPLOAD_IDLE_TIMEOUT_SECONDS, the file image store in the data directory and its start-up check.</summary>
    public static IServiceCollection AddImageUploads(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StoredDataOptions>().BindSettings(configuration);
        services.AddSingleton<IValidateOptions<StoredDataOptions>, AdmissionOptionsValidator>();
        services.AddSingleton<IImageStore>(sp => new FileImageStore(
            sp.GetRequiredService<IOptions<MedicalImagingOptions>>().Value.ResolvedDataDirectory,
            sp.GetRequiredService<IOptions<StoredDataOptions>>().Value.UserStorageQuotaBytes));
        services.AddHostedService<StoredDataStartup>();
        return services;
    }
}
