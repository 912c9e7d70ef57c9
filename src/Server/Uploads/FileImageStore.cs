using System.Security.Cryptography;
using System.Text;
using MedicalImaging.Server.Domain;

namespace MedicalImaging.Server.Uploads;

/// <summary>
/// Images as files under <c>images/ab/abcdef…</c> (name = SHA-256), written atomically (temp file +
/// rename), 0600 in 0700 folders. Access is per user: a marker file per owner under
/// <c>owners/ab/abcdef…/</c>, so knowing a hash does not give access to someone else's image, and a
/// per-user list under <c>users/&lt;owner hash&gt;/</c> for the storage quota. Whether bytes were "already
/// there" is answered per user, so an upload never tells one user what another stored. An image leaves
/// the disk when its last owner lets go of it (<see cref="ForgetAsync"/>).
/// </summary>
public sealed class FileImageStore : IImageStore
{
    private readonly string _root;
    private readonly long _quotaBytes;

    // Commit and forget decide on "does anyone else hold this file" together; uploads stream outside it.
    private readonly Lock _gate = new();

    /// <param name="root">The data directory.</param>
    /// <param name="quotaBytes">Bytes of images one user may hold (USER_STORAGE_QUOTA_MB); long.MaxValue for none.</param>
    public FileImageStore(string root, long quotaBytes = long.MaxValue)
    {
        _root = root;
        _quotaBytes = quotaBytes;
        PrivateFiles.CreateFolder(_root);
        PrivateFiles.CreateFolder(Path.Combine(_root, "tmp"));
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

    public Task ForgetAsync(string ownerId, string imageId, CancellationToken cancellationToken)
    {
        if (!IsImageId(imageId))
        {
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            DeleteIfPresent(OwnerMarker(imageId, ownerId));
            DeleteIfPresent(UserEntry(ownerId, imageId));
            var owners = Path.Combine(_root, "owners", imageId[..2], imageId);
            if (!Directory.Exists(owners) || !Directory.EnumerateFileSystemEntries(owners).Any())
            {
                DeleteIfPresent(ImagePath(imageId));
                if (Directory.Exists(owners))
                {
                    Directory.Delete(owners);
                }
            }
        }

        return Task.CompletedTask;
    }

    public long UsedBytes(string ownerId)
    {
        var folder = UserFolder(ownerId);
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        long total = 0;
        foreach (var entry in Directory.EnumerateFiles(folder))
        {
            var image = new FileInfo(ImagePath(Path.GetFileName(entry)));
            total += image.Exists ? image.Length : 0;
        }

        return total;
    }

    public int SweepTemporaryFiles()
    {
        var swept = 0;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(_root, "tmp")))
        {
            try
            {
                File.Delete(file);
                swept++;
            }
            catch (IOException)
            {
                // Another process (a second server on the same data directory) may be writing it.
            }
        }

        return swept;
    }

    internal string NewTempPath() => Path.Combine(_root, "tmp", Guid.NewGuid().ToString("N"));

    /// <summary>Moves a finished upload into the store; true when this owner already had these bytes.</summary>
    /// <exception cref="CapacityExceededException">The owner's quota would be exceeded (the temp file is removed).</exception>
    internal bool Commit(string tempPath, string imageId, string ownerId, long length)
    {
        lock (_gate)
        {
            var marker = OwnerMarker(imageId, ownerId);
            var path = ImagePath(imageId);
            if (File.Exists(marker) && File.Exists(path))
            {
                File.Delete(tempPath);
                return true;
            }

            var used = UsedBytes(ownerId);
            if (used + length > _quotaBytes)
            {
                File.Delete(tempPath);
                throw new CapacityExceededException(
                    $"Storage quota exceeded: you store {used / 1048576.0:F1} MB of images and this upload adds {length / 1048576.0:F1} MB; the limit is {_quotaBytes / 1048576} MB a user (USER_STORAGE_QUOTA_MB). Delete reports you no longer need to free space.",
                    retryAfter: null);
            }

            PrivateFiles.CreateFolder(Path.GetDirectoryName(path)!);
            if (File.Exists(path))
            {
                // Someone else stored these bytes: keep theirs (identical by content addressing), say nothing.
                File.Delete(tempPath);
            }
            else
            {
                File.Move(tempPath, path, overwrite: false);
            }

            WriteMarker(marker);
            WriteMarker(UserEntry(ownerId, imageId));
            return false;
        }
    }

    internal static bool IsImageId(string? id) =>
        id is { Length: 64 } && !id.AsSpan().ContainsAnyExcept(IdGenerator.LowerHex);

    private static void WriteMarker(string path)
    {
        PrivateFiles.CreateFolder(Path.GetDirectoryName(path)!);
        if (!File.Exists(path))
        {
            using var _ = new FileStream(path, PrivateFiles.CreateNew(useAsync: false));
        }
    }

    private static void DeleteIfPresent(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private string ImagePath(string imageId) => Path.Combine(_root, "images", imageId[..2], imageId);

    private string OwnerMarker(string imageId, string ownerId) =>
        Path.Combine(_root, "owners", imageId[..2], imageId, OwnerKey(ownerId));

    private string UserFolder(string ownerId) => Path.Combine(_root, "users", OwnerKey(ownerId));

    private string UserEntry(string ownerId, string imageId) => Path.Combine(UserFolder(ownerId), imageId);

    private static string OwnerKey(string ownerId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ownerId)));
}
