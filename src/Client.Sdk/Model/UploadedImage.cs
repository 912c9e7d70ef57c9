namespace MedicalImaging.Client;

/// <summary>An uploaded image.</summary>
/// <param name="ImageId">SHA-256 content address.</param>
/// <param name="SizeBytes">Bytes stored.</param>
/// <param name="Deduplicated">True when the caller had already stored identical bytes (never says whether another user had).</param>
public sealed record UploadedImage(string ImageId, long SizeBytes, bool Deduplicated);
