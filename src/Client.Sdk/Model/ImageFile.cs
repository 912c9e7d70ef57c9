namespace MedicalImaging.Client;

/// <summary>One image to analyse: its file name (for display) and bytes (DICOM, PNG or JPEG).</summary>
/// <param name="FileName">The file name; never sent to AI providers.</param>
/// <param name="Content">The file's bytes.</param>
/// <param name="ModalityHint">Modality for PNG/JPEG (e.g. CR, CT), optional.</param>
/// <param name="BodyPartHint">Body part for PNG/JPEG (e.g. CHEST), optional.</param>
public sealed record ImageFile(string FileName, ReadOnlyMemory<byte> Content, string? ModalityHint = null, string? BodyPartHint = null)
{
    /// <summary>Reads a file from disk.</summary>
    public static async Task<ImageFile> FromFileAsync(string path, CancellationToken cancellationToken = default) =>
        new(Path.GetFileName(path), await File.ReadAllBytesAsync(path, cancellationToken));
}
