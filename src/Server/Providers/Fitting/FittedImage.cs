namespace MedicalImaging.Server.Providers.Fitting;

/// <summary>One outbound image as it will be sent: encoded bytes, media type and size.</summary>
public sealed record FittedImage(ReadOnlyMemory<byte> Bytes, string MediaType, int Width, int Height);
