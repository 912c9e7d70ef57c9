using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MedicalImaging.Server.Privacy;

/// <summary>Registers the one gate every outbound third-party body passes.</summary>
public static class PrivacyServiceCollectionExtensions
{
    /// <summary>The <see cref="EgressGuard"/> providers, chat, embeddings and literature search hand their bodies to.</summary>
    public static IServiceCollection AddEgressGuard(this IServiceCollection services)
    {
        services.TryAddSingleton<EgressGuard>();
        return services;
    }
}
