namespace MedicalImaging.Server.Domain;

/// <summary>One image as it was sent to a provider (after fitting to the provider's budget), for provenance.</summary>
/// <param name="Index">The image's index in the request.</param>
/// <param name="Width">Width sent, pixels.</param>
/// <param name="Height">Height sent, pixels.</param>
/// <param name="Bytes">Encoded size sent (before base64), bytes.</param>
/// <param name="MediaType">image/png or image/jpeg.</param>
public sealed record SentImage(int Index, int Width, int Height, long Bytes, string MediaType);
