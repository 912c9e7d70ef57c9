namespace MedicalImaging.Dicom;

/// <summary>
/// JPEG-LS lossless and near-lossless, our own decoder (<see cref="JpegLsDecoder"/>). Codestreams using what it leaves
/// out (restart intervals, mapping tables, sample interleave, HP colour transforms) go to CharLS.
/// </summary>
public sealed class JpegLsCodec : IDicomFrameCodec
{
    /// <inheritdoc />
    public string Name => "jpeg-ls";

    /// <inheritdoc />
    public bool CanDecode(DicomTransferSyntax syntax) => syntax.Pixels == PixelEncoding.JpegLs;

    /// <inheritdoc />
    public bool CanDecodeFrame(ReadOnlySpan<byte> compressed, PixelDataInfo info) =>
        JpegLsDecoder.Declines(compressed) is null || !CharLsCodec.IsAvailable;

    /// <inheritdoc />
    public string Decode(ReadOnlySpan<byte> compressed, PixelDataInfo info, Span<byte> destination)
    {
        try
        {
            JpegLsDecoder.Decode(compressed, info, destination);
        }
        catch (NotSupportedException ex)
        {
            if (!CharLsCodec.IsAvailable)
            {
                throw new DicomFormatException(DicomTags.PixelData, -1, $"{ex.Message} is not supported without CharLS (apt libcharls2)");
            }

            return new CharLsCodec().Decode(compressed, info, destination);
        }

        return info.Photometric;
    }
}
