using System.Security.Cryptography;
using System.Text;
using MedicalImaging.Server.Common;

namespace MedicalImaging.Server.Imaging;

/// <summary>
/// Images as files under <c>images/ab/abcdef…</c> (name = SHA-256), written atomically (temp file +
/// rename). Access is per user: a marker file per owner under <c>owners/ab/abcdef…/</c>, so knowing a
/// hash does not give access to someone else's image.
/// </summary>
public sealed class FileImageStore : IImageStore
{
    private readonly string _root;

    public FileImageStore(string root)
    {
        _root = root;
        Directory.CreateDirectory(Path.Combine(_root, "tmp"));
    }

    public IImageUpload BeginUpload(string ownerId, long maxBytes) => new FileImageUpload(this, ownerId, maxBytes);

    public async Task<string> SaveAsync(string ownerId, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        await using var upload = BeginUpload(ownerId, long.MaxValue);
        await upload.AppendAsync(content, cancellationToken);
        return (await upload.CompleteAsync(null, cancellationToken)).ImageId;
    }

    public async Task<byte[]> ReadAsync(string ownerId, string imageId, long maxBytes, CancellationToken cancellationToken)
    {
        if (!IsImageId(imageId) || !File.Exists(OwnerMarker(imageId, ownerId)))
        {
            throw new ResourceNotFoundException($"Image {imageId} was not found; upload it first with UploadImage.");
        }

        var path = ImagePath(imageId);
        var length = new FileInfo(path).Length;
        if (length > maxBytes)
        {
            throw new InvalidRequestException("image_id", $"Image {imageId} is {length / 1048576.0:F1} MB; the limit is {maxBytes / 1048576} MB.");
        }

        return await File.ReadAllBytesAsync(path, cancellationToken);
    }

    internal string NewTempPath() => Path.Combine(_root, "tmp", Guid.NewGuid().ToString("N"));

    internal bool Commit(string tempPath, string imageId, string ownerId)
    {
        var path = ImagePath(imageId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var deduplicated = File.Exists(path);
        if (deduplicated)
        {
            File.Delete(tempPath);
        }
        else
        {
            try
            {
                File.Move(tempPath, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // A concurrent upload of the same bytes won; content addressing makes them identical.
                File.Delete(tempPath);
                deduplicated = true;
            }
        }

        var marker = OwnerMarker(imageId, ownerId);
        Directory.CreateDirectory(Path.GetDirectoryName(marker)!);
        File.WriteAllBytes(marker, []);
        return deduplicated;
    }

    internal static bool IsImageId(string? id) =>
        id is { Length: 64 } && !id.AsSpan().ContainsAnyExcept(IdGenerator.LowerHex);

    private string ImagePath(string imageId) => Path.Combine(_root, "images", imageId[..2], imageId);

    private string OwnerMarker(string imageId, string ownerId) =>
        Path.Combine(_root, "owners", imageId[..2], imageId, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ownerId))));
}
