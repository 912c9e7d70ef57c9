namespace MedicalImaging.Server.Imaging;

/// <summary>A stored image: its id (hex SHA-256), size, and whether identical bytes were already there.</summary>
public sealed record UploadedImage(string ImageId, long SizeBytes, bool Deduplicated);
