namespace MedicalImaging.Client;

/// <summary>One provider's state.</summary>
/// <param name="Name">Provider.</param>
/// <param name="Model">Model.</param>
/// <param name="CircuitState">closed, open or half_open.</param>
/// <param name="SuccessRate">Recent success share.</param>
/// <param name="Warning">What the operator should change, naming the setting (e.g. a retired model); null when nothing is wrong.</param>
public sealed record ProviderStatus(string Name, string Model, string CircuitState, double SuccessRate, string? Warning = null);
