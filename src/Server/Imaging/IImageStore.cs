namespace MedicalImaging.Server.Imaging;

/// <summary>Content-addressed image storage (SHA-256), deduplicated, with per-user access.</summary>
public interface IImageStore
{
    /// <summary>Starts an upload for <paramref name="ownerId"/>; bytes beyond <paramref name="maxBytes"/> fail it.</summary>
    IImageUpload BeginUpload(string ownerId, long maxBytes);

    /// <summary>Stores bytes already in memory (inline images) and grants the owner access.</summary>
    Task<string> SaveAsync(string ownerId, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>The bytes of an image the owner uploaded.</summary>
    /// <exception cref="Common.ResourceNotFoundException">Unknown id, or not the owner's.</exception>
    Task<byte[]> ReadAsync(string ownerId, string imageId, long maxBytes, CancellationToken cancellationToken);
}
