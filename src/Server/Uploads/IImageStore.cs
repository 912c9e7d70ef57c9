namespace MedicalImaging.Server.Uploads;

/// <summary>Content-addressed image storage (SHA-256), deduplicated, with per-user access and quota.</summary>
public interface IImageStore
{
    /// <summary>Starts an upload for <paramref name="ownerId"/>; bytes beyond <paramref name="maxBytes"/> fail it.</summary>
    IImageUpload BeginUpload(string ownerId, long maxBytes);

    /// <summary>Stores bytes already in memory (inline images) and grants the owner access.</summary>
    Task<string> SaveAsync(string ownerId, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>The bytes of an image the owner uploaded.</summary>
    /// <exception cref="Domain.ResourceNotFoundException">Unknown id, or not the owner's.</exception>
    Task<byte[]> ReadAsync(string ownerId, string imageId, long maxBytes, CancellationToken cancellationToken);

    /// <summary>
    /// Withdraws the owner's access to an image; the file itself is erased when no other owner holds it
    /// (right to erasure). Unknown ids and images the owner never held are ignored.
    /// </summary>
    Task ForgetAsync(string ownerId, string imageId, CancellationToken cancellationToken);

    /// <summary>Bytes of images the owner holds (what USER_STORAGE_QUOTA_MB limits).</summary>
    long UsedBytes(string ownerId);

    /// <summary>Removes leftover upload temp files (from a crash or a kill); call at start. Returns how many.</summary>
    int SweepTemporaryFiles();
}
