namespace MedicalImaging.Dicom;

/// <summary>
/// Decompresses one encapsulated frame. Output layout: samples little-endian, <see cref="PixelDataInfo.BytesPerSample"/>
/// wide, interleaved per pixel, rows top to bottom.
/// </summary>
public interface IDicomFrameCodec
{
    /// <summary>Short name for diagnostics and benchmarks (e.g. "rle", "gdcm", "charls").</summary>
    string Name { get; }

    /// <summary>True when this codec decodes the transfer syntax.</summary>
    bool CanDecode(DicomTransferSyntax syntax);

    /// <summary>
    /// True when this codec takes this particular frame (checked after <see cref="CanDecode"/>); a codec that handles only
    /// part of a syntax (e.g. 8-bit JPEG) declines the rest so the next codec is tried. Default: every frame.
    /// </summary>
    bool CanDecodeFrame(ReadOnlySpan<byte> compressed, PixelDataInfo info) => true;

    /// <summary>
    /// Decodes <paramref name="compressed"/> into <paramref name="destination"/> (exactly <see cref="PixelDataInfo.FrameBytes"/> long).
    /// Returns the photometric interpretation of the output (JPEG YBR is returned as RGB).
    /// Throws <see cref="DicomFormatException"/> on corrupt data.
    /// </summary>
    string Decode(ReadOnlySpan<byte> compressed, PixelDataInfo info, Span<byte> destination);
}
