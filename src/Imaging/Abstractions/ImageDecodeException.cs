namespace MedicalImaging.Imaging;

/// <summary>The bytes are not a valid image of the expected format; the message says what and where.</summary>
public sealed class ImageDecodeException : Exception
{
    public ImageDecodeException(string message) : base(message) { }

    public ImageDecodeException(string message, Exception inner) : base(message, inner) { }
}
