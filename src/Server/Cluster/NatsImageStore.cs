using MedicalImaging.Server.Common;
using MedicalImaging.Server.Imaging;
using NATS.Client.ObjectStore;

namespace MedicalImaging.Server.Cluster;

/// <summary>
/// Images every replica reads, in a JetStream object store named by SHA-256 (content-addressed: the same bytes are
/// stored once), with access per user as in the file store: a KV entry per image lists its holders (owner hashes),
/// one per user lists that user's images for USER_STORAGE_QUOTA_MB, and "already there" is answered per user only.
/// Uploads stream to a private temp file of this replica while hashed, then go to the object store in chunks.
/// </summary>
public sealed class NatsImageStore : IImageStore
{
    private const string ImagePrefix = "img.";
    private const string UserPrefix = "usr.";
    private readonly ClusterLayout _layout;
    private readonly string _temp;
    private readonly long _quotaBytes;

    /// <param name="layout">The cluster's buckets.</param>
    /// <param name="dataDirectory">This replica's data directory (upload temp files only).</param>
    /// <param name="quotaBytes">Bytes of images one user may hold (USER_STORAGE_QUOTA_MB); long.MaxValue for none.</param>
    public NatsImageStore(ClusterLayout layout, string dataDirectory, long quotaBytes = long.MaxValue)
    {
        _layout = layout;
        _quotaBytes = quotaBytes;
        _temp = Path.Combine(dataDirectory, "tmp");
        PrivateFiles.CreateFolder(dataDirectory);
        PrivateFiles.CreateFolder(_temp);
    }

    public IImageUpload BeginUpload(string ownerId, long maxBytes) => new NatsImageUpload(this, ownerId, maxBytes);

    public async Task<string> SaveAsync(string ownerId, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        await using var upload = BeginUpload(ownerId, long.MaxValue);
        await upload.AppendAsync(content, cancellationToken);
        return (await upload.CompleteAsync(null, cancellationToken)).ImageId;
    }

    public async Task<byte[]> ReadAsync(string ownerId, string imageId, long maxBytes, CancellationToken cancellationToken)
    {
        var handles = await _layout.ReadyAsync(cancellationToken);
        var holders = IsImageId(imageId) ? await GetAsync(handles, ImagePrefix + imageId, cancellationToken) : null;
        if (holders is null || !holders.Owners.Contains(OwnerKey(ownerId)))
        {
            throw new ResourceNotFoundException($"Image {imageId} was not found; upload it first with UploadImage.");
        }

        if (holders.SizeBytes > maxBytes)
        {
            throw new InvalidRequestException("image_id", $"Image {imageId} is {holders.SizeBytes / 1048576.0:F1} MB; the limit is {maxBytes / 1048576} MB.");
        }

        try
        {
            return await handles.Images.GetBytesAsync(imageId, cancellationToken);
        }
        catch (NatsObjNotFoundException)
        {
            throw new ResourceNotFoundException($"Image {imageId} was not found; upload it first with UploadImage.");
        }
    }

    public async Task ForgetAsync(string ownerId, string imageId, CancellationToken cancellationToken)
    {
        if (!IsImageId(imageId))
        {
            return;
        }

        var handles = await _layout.ReadyAsync(cancellationToken);
        var owner = OwnerKey(ownerId);
        await KvCompareAndSet.ChangeAsync(handles.ImageOwners, UserPrefix + owner, ClusterJsonContext.Default.UserImages, mine =>
            mine is null || !mine.Images.ContainsKey(imageId) ? mine
            : mine.Images.Count == 1 ? null
            : new UserImages(mine.Images.Where(p => p.Key != imageId).ToDictionary()), cancellationToken);
        var (_, after) = await KvCompareAndSet.ChangeAsync(handles.ImageOwners, ImagePrefix + imageId, ClusterJsonContext.Default.ImageHolders, holders =>
            holders is null ? null
            : holders.Owners.Where(o => o != owner).ToList() is { Count: > 0 } left ? holders with { Owners = left }
            : null, cancellationToken);
        if (after is null)
        {
            // The last holder let go (right to erasure): the bytes leave the object store.
            try
            {
                await handles.Images.DeleteAsync(imageId, cancellationToken);
            }
            catch (NatsObjNotFoundException)
            {
                // Already gone.
            }
        }
    }

    /// <summary>Blocks on NATS: used by no request path (quota checks at upload go through the async count).</summary>
    public long UsedBytes(string ownerId) => UsedBytesAsync(ownerId, CancellationToken.None).GetAwaiter().GetResult();

    public int SweepTemporaryFiles()
    {
        var swept = 0;
        foreach (var file in Directory.EnumerateFiles(_temp))
        {
            try
            {
                File.Delete(file);
                swept++;
            }
            catch (IOException)
            {
                // Being written.
            }
        }

        return swept;
    }

    internal string NewTempPath() => Path.Combine(_temp, Guid.NewGuid().ToString("N"));

    /// <summary>Puts a finished upload in the object store (unless there already) and records the owner; true when this owner already held it.</summary>
    /// <exception cref="CapacityExceededException">The owner's quota would be exceeded.</exception>
    internal async Task<bool> CommitAsync(string tempPath, string imageId, string ownerId, long length, CancellationToken cancellationToken)
    {
        var handles = await _layout.ReadyAsync(cancellationToken);
        var owner = OwnerKey(ownerId);
        var holders = await GetAsync(handles, ImagePrefix + imageId, cancellationToken);
        if (holders is not null && holders.Owners.Contains(owner) && await ExistsAsync(handles, imageId, cancellationToken))
        {
            return true;
        }

        var used = await UsedBytesAsync(ownerId, cancellationToken);
        if (used + length > _quotaBytes)
        {
            throw new CapacityExceededException(
                $"Storage quota exceeded: you store {used / 1048576.0:F1} MB of images and this upload adds {length / 1048576.0:F1} MB; the limit is {_quotaBytes / 1048576} MB a user (USER_STORAGE_QUOTA_MB). Delete reports you no longer need to free space.",
                retryAfter: null);
        }

        // Holder first, bytes second: an image is never in the store without someone holding it past a crash here.
        await KvCompareAndSet.ChangeAsync(handles.ImageOwners, ImagePrefix + imageId, ClusterJsonContext.Default.ImageHolders, current =>
            current is null ? new ImageHolders([owner], length)
            : current.Owners.Contains(owner) ? current
            : current with { Owners = [.. current.Owners, owner] }, cancellationToken);
        if (!await ExistsAsync(handles, imageId, cancellationToken))
        {
            await using var file = File.OpenRead(tempPath);
            await handles.Images.PutAsync(imageId, file, cancellationToken: cancellationToken);
        }

        await KvCompareAndSet.ChangeAsync(handles.ImageOwners, UserPrefix + owner, ClusterJsonContext.Default.UserImages, mine =>
            new UserImages(new Dictionary<string, long>(mine?.Images ?? new Dictionary<string, long>()) { [imageId] = length }), cancellationToken);
        return false;
    }

    internal static bool IsImageId(string? id) =>
        id is { Length: 64 } && !id.AsSpan().ContainsAnyExcept(IdGenerator.LowerHex);

    private async Task<long> UsedBytesAsync(string ownerId, CancellationToken cancellationToken)
    {
        var handles = await _layout.ReadyAsync(cancellationToken);
        var entry = await handles.ImageOwners.TryGetEntryAsync<byte[]>(UserPrefix + OwnerKey(ownerId), cancellationToken: cancellationToken);
        return entry.Success && entry.Value.Value is { Length: > 0 } bytes
            ? System.Text.Json.JsonSerializer.Deserialize(bytes, ClusterJsonContext.Default.UserImages)!.Images.Values.Sum()
            : 0;
    }

    private static async Task<ImageHolders?> GetAsync(ClusterLayout.Handles handles, string key, CancellationToken cancellationToken)
    {
        var entry = await handles.ImageOwners.TryGetEntryAsync<byte[]>(key, cancellationToken: cancellationToken);
        return entry.Success && entry.Value.Value is { Length: > 0 } bytes
            ? System.Text.Json.JsonSerializer.Deserialize(bytes, ClusterJsonContext.Default.ImageHolders)
            : null;
    }

    private static async Task<bool> ExistsAsync(ClusterLayout.Handles handles, string imageId, CancellationToken cancellationToken)
    {
        try
        {
            await handles.Images.GetInfoAsync(imageId, cancellationToken: cancellationToken);
            return true;
        }
        catch (NatsObjNotFoundException)
        {
            return false;
        }
    }

    private static string OwnerKey(string ownerId) => NatsKeys.Hash(ownerId);
}
