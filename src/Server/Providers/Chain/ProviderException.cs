namespace MedicalImaging.Server.Providers.Chain;

/// <summary>A provider attempt failed; <see cref="Failure"/> classifies it.</summary>
public sealed class ProviderException : Exception
{
    public ProviderException(ProviderFailure failure, Exception? inner = null) : base(failure.Message, inner) => Failure = failure;

    public ProviderFailure Failure { get; }
}
