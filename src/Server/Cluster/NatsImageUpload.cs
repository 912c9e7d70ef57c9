using MedicalImaging.Server.Uploads;

namespace MedicalImaging.Server.Cluster;

/// <summary>Streams an upload to a private temp file of this replica while hashing it; the object store gets it at the end.</summary>
internal sealed class NatsImageUpload(NatsImageStore store, string ownerId, long maxBytes)
    : StreamedImageUpload(store.NewTempPath(), maxBytes)
{
    protected override Task<bool> CommitAsync(string tempPath, string imageId, long length, CancellationToken cancellationToken) =>
        store.CommitAsync(tempPath, imageId, ownerId, length, cancellationToken);
}
