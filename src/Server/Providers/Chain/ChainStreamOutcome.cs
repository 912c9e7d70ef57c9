namespace MedicalImaging.Server.Providers.Chain;

/// <summary>
/// Filled in by <see cref="ProviderChain.StreamAsync"/> when its stream ends (an async stream has no return value):
/// who finished the reply, or null when no external provider could.
/// </summary>
public sealed class ChainStreamOutcome
{
    /// <summary>The provider that finished the reply; null when none did.</summary>
    public string? Provider { get; internal set; }

    /// <summary>The model the finishing provider's chunks named (a router may serve another than configured).</summary>
    public string? Model { get; internal set; }
}
