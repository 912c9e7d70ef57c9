namespace MedicalImaging.Server.DicomWeb;

/// <summary>A DICOMweb request refused with an HTTP status (400, 404, 406, 415) and a message naming what was wrong.</summary>
public sealed class DicomWebRequestException : Exception
{
    public DicomWebRequestException(int statusCode, string message)
        : base(message) => StatusCode = statusCode;

    public DicomWebRequestException()
    {
    }

    public DicomWebRequestException(string message)
        : base(message)
    {
    }

    public DicomWebRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status to answer with.</summary>
    public int StatusCode { get; } = 400;
}
