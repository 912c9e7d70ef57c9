namespace MedicalImaging.Server.Domain;

/// <summary>The request is wrong; maps to INVALID_ARGUMENT (HTTP 400) with a field violation.</summary>
public sealed class InvalidRequestException : Exception
{
    public InvalidRequestException(string field, string message) : base(message) => Field = field;

    public InvalidRequestException(string field, string message, Exception inner) : base(message, inner) => Field = field;

    /// <summary>The request field at fault, e.g. "images[2].content".</summary>
    public string Field { get; }
}
