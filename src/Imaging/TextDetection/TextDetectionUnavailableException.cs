namespace MedicalImaging.Imaging.TextDetection;

/// <summary>
/// OCR cannot run here (Tesseract or its model missing). Callers that must not send unchecked pixels
/// treat this as "do not send", never as "no text found".
/// </summary>
public sealed class TextDetectionUnavailableException : Exception
{
    public TextDetectionUnavailableException(string message)
        : base(message)
    {
    }

    public TextDetectionUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TextDetectionUnavailableException()
    {
    }
}
