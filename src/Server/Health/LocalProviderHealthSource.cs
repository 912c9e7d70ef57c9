using MedicalImaging.Server.Providers.Local;

namespace MedicalImaging.Server.Health;

/// <summary>The embedded default chain: the local provider only, always available.</summary>
public sealed class LocalProviderHealthSource : IProviderHealthSource
{
    public IReadOnlyList<ProviderState> GetProviders() =>
        [new ProviderState(LocalVisionAnalyzer.ProviderName, LocalVisionAnalyzer.ModelName, Configured: true, "closed", 1.0, 0)];
}
