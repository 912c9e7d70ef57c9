namespace MedicalImaging.Server.Uploads;

/// <summary>A stored image: its id (hex SHA-256), size, and whether the same user had already stored these bytes (never
/// whether someone else had: that would tell one user what another uploaded).</summary>
public sealed record UploadedImage(string ImageId, long SizeBytes, bool Deduplicated);
