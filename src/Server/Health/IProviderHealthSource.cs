namespace MedicalImaging.Server.Health;

/// <summary>Reports the providers of the chain, in order, with their circuit state.</summary>
public interface IProviderHealthSource
{
    IReadOnlyList<ProviderState> GetProviders();
}
