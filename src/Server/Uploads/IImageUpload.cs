namespace MedicalImaging.Server.Uploads;

/// <summary>One upload in progress; disposing an uncompleted upload discards it.</summary>
public interface IImageUpload : IAsyncDisposable
{
    /// <summary>Bytes received so far.</summary>
    long Length { get; }

    /// <summary>Appends a chunk.</summary>
    /// <exception cref="Domain.InvalidRequestException">The image grew past the limit.</exception>
    ValueTask AppendAsync(ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken);

    /// <summary>Finishes: verifies the expected hash (when given), stores the bytes under their SHA-256.</summary>
    Task<UploadedImage> CompleteAsync(string? expectedSha256, CancellationToken cancellationToken);
}
