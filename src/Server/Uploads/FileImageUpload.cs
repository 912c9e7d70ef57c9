namespace MedicalImaging.Server.Uploads;

/// <summary>Streams an upload to a temp file while hashing it; the store moves it into place at the end.</summary>
internal sealed class FileImageUpload(FileImageStore store, string ownerId, long maxBytes)
    : StreamedImageUpload(store.NewTempPath(), maxBytes)
{
    protected override Task<bool> CommitAsync(string tempPath, string imageId, long length, CancellationToken cancellationToken) =>
        Task.FromResult(store.Commit(tempPath, imageId, ownerId, length));
}
