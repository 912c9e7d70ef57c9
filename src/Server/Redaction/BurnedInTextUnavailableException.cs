namespace MedicalImaging.Server.Redaction;

/// <summary>
/// An image had to be checked for burned-in text and could not be (OCR missing or failed): its pixels
/// must not leave, so no external provider is called for this analysis.
/// </summary>
public sealed class BurnedInTextUnavailableException : Exception
{
    public BurnedInTextUnavailableException(string message)
        : base(message)
    {
    }

    public BurnedInTextUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BurnedInTextUnavailableException()
    {
    }
}
