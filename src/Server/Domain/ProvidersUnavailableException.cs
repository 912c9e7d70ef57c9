namespace MedicalImaging.Server.Domain;

/// <summary>Every provider failed and the chain has no local provider; maps to UNAVAILABLE (503) with retry info.</summary>
public sealed class ProvidersUnavailableException : Exception
{
    public ProvidersUnavailableException(string message, TimeSpan retryAfter) : base(message) => RetryAfter = retryAfter;

    public TimeSpan RetryAfter { get; }
}
