namespace MedicalImaging.Client;

/// <summary>One image as it was sent to a provider.</summary>
/// <param name="Index">Position in the request.</param>
/// <param name="Width">Width sent, pixels.</param>
/// <param name="Height">Height sent, pixels.</param>
/// <param name="Bytes">Encoded size sent (before base64).</param>
/// <param name="MediaType">image/png or image/jpeg.</param>
public sealed record SentImage(int Index, int Width, int Height, long Bytes, string MediaType);
