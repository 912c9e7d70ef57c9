using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Logging;

/// <summary>Puts <see cref="RedactingLoggerFactory"/> in front of the application's logger factory.</summary>
public static class LogRedactionServiceCollectionExtensions
{
    /// <summary>
    /// Replaces the registered <see cref="ILoggerFactory"/> with one that masks tokens, <c>?token=</c> values and
    /// Authorization headers in every entry, so no provider added before or after ever sees them.
    /// </summary>
    public static IServiceCollection AddLogRedaction(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(RedactingLoggerFactory)))
        {
            return services;
        }

        services.AddLogging();
        services.AddSingleton(CreateFactory);
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => sp.GetRequiredService<RedactingLoggerFactory>()));
        return services;
    }

    private static RedactingLoggerFactory CreateFactory(IServiceProvider services) =>
        new(new LoggerFactory(
            services.GetServices<ILoggerProvider>(),
            services.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            services.GetService<IOptions<LoggerFactoryOptions>>(),
            services.GetService<IExternalScopeProvider>()));
}
