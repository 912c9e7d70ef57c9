namespace MedicalImaging.Server.Providers.Chain;

/// <summary>What the chain got: the provider that answered, the model its response named, and the parsed value.</summary>
public sealed record ChainAnswer<T>(string Provider, string Model, T Value);
