using MedicalImaging.Server.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Audit;

/// <summary>Registers the audit trail: options, the log and its writer, the recorder the interceptor and middleware share.</summary>
public static class AuditServiceCollectionExtensions
{
    public static IServiceCollection AddMedicalImagingAudit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditOptions>().BindSettings(configuration);
        services.AddSingleton<IValidateOptions<AuditOptions>, AuditOptionsValidator>();
        services.AddSingleton<AuditLog>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditLog>());
        services.AddSingleton<AuditCallRecorder>();
        services.AddSingleton<AuditLogReader>();
        services.AddSingleton<AuditAdmin>();
        return services;
    }
}
