using System.Security.Cryptography;
using MedicalImaging.Server.Domain;

namespace MedicalImaging.Server.Uploads;

/// <summary>Streams an upload to a temp file while hashing it.</summary>
internal sealed class FileImageUpload : IImageUpload
{
    private readonly FileImageStore _store;
    private readonly string _ownerId;
    private readonly long _maxBytes;
    private readonly string _tempPath;
    private readonly FileStream _file;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private bool _completed;

    public FileImageUpload(FileImageStore store, string ownerId, long maxBytes)
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

        var deduplicated = _store.Commit(_tempPath, id, _ownerId, Length);
        _completed = true;
        return new UploadedImage(id, Length, deduplicated);
    }

    public async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync();
        _hash.Dispose();
        if (!_completed && File.Exists(_tempPath))
        {
            File.Delete(_tempPath);
        }
    }
}
