namespace MedicalImaging.Server.Domain;

/// <summary>A contract RPC whose capability has not landed yet; maps to UNIMPLEMENTED.</summary>
public sealed class UnimplementedFeatureException : Exception
{
    public UnimplementedFeatureException(string message) : base(message) { }
}
