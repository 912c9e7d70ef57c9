using System.Security.Cryptography;
using MedicalImaging.Server.Domain;

namespace MedicalImaging.Server.Uploads;

/// <summary>
/// Streams an upload to a private temp file while hashing it, holds it to the size cap and checks the expected
/// hash; the store behind it takes the finished file in <see cref="CommitAsync"/>. The temp file (patient data)
/// never outlives the upload, committed or not.
/// </summary>
internal abstract class StreamedImageUpload : IImageUpload
{
    private readonly long _maxBytes;
    private readonly string _tempPath;
    private readonly FileStream _file;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <param name="tempPath">A new path in the store's temp folder.</param>
    /// <param name="maxBytes">The size cap (MAX_IMAGE_SIZE_MB).</param>
    protected StreamedImageUpload(string tempPath, long maxBytes)
    {
        _maxBytes = maxBytes;
        _tempPath = tempPath;
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

        var deduplicated = await CommitAsync(_tempPath, id, Length, cancellationToken);
        return new UploadedImage(id, Length, deduplicated);
    }

    public async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync();
        _hash.Dispose();
        // Whatever the commit left of the temp file (a store that moves it leaves nothing) goes now.
        if (File.Exists(_tempPath))
        {
            File.Delete(_tempPath);
        }
    }

    /// <summary>Stores the finished, verified temp file under its SHA-256; true when this owner already had these bytes.</summary>
    protected abstract Task<bool> CommitAsync(string tempPath, string imageId, long length, CancellationToken cancellationToken);
}
