namespace MedicalImaging.Server.Domain;

/// <summary>The resource does not exist or belongs to someone else; maps to NOT_FOUND (HTTP 404).</summary>
public sealed class ResourceNotFoundException : Exception
{
    public ResourceNotFoundException(string message) : base(message) { }
}
