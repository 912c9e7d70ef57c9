using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Health;
using MedicalImaging.Server.Outbound;
using MedicalImaging.Server.Providers.Chain;
using MedicalImaging.Server.Providers.Local;
using MedicalImaging.Server.Providers.Profiles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Providers;

/// <summary>Registers the vision provider chain (gemini → openrouter → groq → local by default).</summary>
public static class VisionProvidersServiceCollectionExtensions
{
    /// <summary>
    /// AI_PROVIDER_ORDER, keys, models, timeouts, PubMed and chat stream settings (<see cref="ProviderOptions"/>, validated at
    /// start), the provider profiles, the local analyzer, the roster and chain, and the <see cref="IVisionAnalyzer"/> and
    /// <see cref="IProviderHealthSource"/> they provide unless a host registered its own first.
    /// </summary>
    public static IServiceCollection AddVisionProviders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProviderOptions>().BindSettings(configuration);
        services.AddSingleton<IValidateOptions<ProviderOptions>, PubMedOptionsValidator>();
        services.AddSingleton<IValidateOptions<ProviderOptions>, ProviderProfilesValidator>();
        services.AddSingleton<IValidateOptions<ProviderOptions>, ChatStreamOptionsValidator>();
        services.TryAddSingleton(sp => ProviderProfileSet.Load(sp.GetRequiredService<IOptions<ProviderOptions>>().Value.ProviderProfilesPath));
        // The providers' own Polly pipeline (ProviderPipelineFactory) already times out each attempt
        // (PROVIDER_TIMEOUT_SECONDS), retries, breaks the circuit and rate-limits per provider: a second retry here
        // would multiply attempts. The client adds what only the transport can: a connect timeout, recycled
        // connections, and the SSE guard that turns an error event inside a 200 stream into a failure Polly sees.
        services.AddHttpClient(OutboundHttpClients.ProvidersClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SseGuardHandler(OutboundHttpClients.NewSocketsHandler(TimeSpan.FromSeconds(10))))
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<LocalVisionAnalyzer>();
        services.AddSingleton(sp => new ProviderRoster(
            sp.GetRequiredService<IOptions<ProviderOptions>>(), sp.GetRequiredService<IOptions<MedicalImagingOptions>>(),
            sp.GetRequiredService<ProviderProfileSet>(),
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(OutboundHttpClients.ProvidersClientName), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ProviderChain>();
        services.AddSingleton<ProviderChainVisionAnalyzer>();
        services.TryAddSingleton<IVisionAnalyzer>(sp => sp.GetRequiredService<ProviderChainVisionAnalyzer>());
        services.TryAddSingleton<IProviderHealthSource>(sp => sp.GetRequiredService<ProviderChainVisionAnalyzer>());
        return services;
    }
}
