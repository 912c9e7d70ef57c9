using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Providers.Local;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Providers.Chain;

/// <summary>The configured chain: external providers with a key, in AI_PROVIDER_ORDER, and whether `local` closes it.</summary>
public sealed class ProviderRoster : IDisposable
{
    public ProviderRoster(
        IOptions<ProviderOptions> providerOptions, IOptions<Configuration.MedicalImagingOptions> serverOptions, Profiles.ProviderProfileSet profiles, HttpClient http, TimeProvider time)
    {
        External = ExternalProviderFactory.Create(providerOptions.Value, profiles, serverOptions.Value.MaxRetries, http, time);
        LocalInChain = providerOptions.Value.Order.Contains(LocalVisionAnalyzer.ProviderName);
    }

    /// <summary>External providers in chain order.</summary>
    public IReadOnlyList<ExternalProvider> External { get; }

    /// <summary>True when `local` answers after every external provider failed.</summary>
    public bool LocalInChain { get; }

    public void Dispose()
    {
        foreach (var provider in External)
        {
            provider.Dispose();
        }
    }
}
