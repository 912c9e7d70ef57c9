using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Literature;

/// <summary>Registers the PubMed literature search.</summary>
public static class LiteratureServiceCollectionExtensions
{
    /// <summary>
    /// The PubMed HttpClient behind its throttle (NCBI's requests-per-second limit, shared by every analysis) and the
    /// <see cref="ILiteratureSearch"/> over it unless a host registered its own first. Settings are <see cref="ProviderOptions"/>'.
    /// </summary>
    public static IServiceCollection AddLiteratureSearch(this IServiceCollection services)
    {
        services.AddSingleton<PubMedRateLimiter>();
        services.AddTransient<PubMedThrottleHandler>();
        services.AddHttpClient(PubMedSearch.HttpClientName).AddHttpMessageHandler<PubMedThrottleHandler>();
        services.TryAddSingleton<ILiteratureSearch>(sp => new PubMedSearch(sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<IOptions<ProviderOptions>>(), sp.GetRequiredService<EgressGuard>()));
        return services;
    }
}
