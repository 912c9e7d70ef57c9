using System.Security.Cryptography;
using MedicalImaging.Server.Common;
using MedicalImaging.Server.Imaging;

namespace MedicalImaging.Server.Cluster;

/// <summary>Streams an upload to a private temp file of this replica while hashing it; the object store gets it at the end.</summary>
internal sealed class NatsImageUpload : IImageUpload
{
    private readonly NatsImageStore _store;
    private readonly string _ownerId;
    private readonly long _maxBytes;
    private readonly string _tempPath;
    private readonly FileStream _file;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public NatsImageUpload(NatsImageStore store, string ownerId, long maxBytes)
    {
        _store = store;
        _ownerId = ownerId;
        _maxBytes = maxBytes;
        _tempPath = store.NewTempPath();
        _file = new FileStream(_tempPath, PrivateFiles.CreateNew(useAsync: true));
    }

    public long Length { get; private set; }

    public async ValueTask AppendAsync(ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken)
    {
        if (Length + chunk.Length > _maxBytes)
        {
            throw new InvalidRequestException("chunk", $"The image exceeds the limit of {_maxBytes / 1048576} MB (MAX_IMAGE_SIZE_MB).");
        }

        _hash.AppendData(chunk.Span);
        await _file.WriteAsync(chunk, cancellationToken);
        Length += chunk.Length;
    }

    public async Task<UploadedImage> CompleteAsync(string? expectedSha256, CancellationToken cancellationToken)
    {
        if (Length == 0)
        {
            throw new InvalidRequestException("chunk", "The upload carried no bytes.");
        }

        await _file.FlushAsync(cancellationToken);
        await _file.DisposeAsync();
        var id = Convert.ToHexStringLower(_hash.GetHashAndReset());
        if (!string.IsNullOrEmpty(expectedSha256) && !string.Equals(expectedSha256, id, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidRequestException("metadata.sha256", $"The bytes received hash to {id}, not the expected {expectedSha256}; the upload was corrupted.");
        }

        var deduplicated = await _store.CommitAsync(_tempPath, id, _ownerId, Length, cancellationToken);
        return new UploadedImage(id, Length, deduplicated);
    }

    public async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync();
        _hash.Dispose();
        // The temp copy (patient data) never outlives the upload, committed or not.
        if (File.Exists(_tempPath))
        {
            File.Delete(_tempPath);
        }
    }
}
