namespace MedicalImaging.Dicom;

/// <summary>
/// JPEG-LS lossless and near-lossless, our own managed decoder (<see cref="JpegLsDecoder"/>): bit-exact with CharLS,
/// as fast, and bounded on corrupt data. Codestreams using what it leaves out (restart intervals, mapping tables, HP colour
/// transforms) go to CharLS; without libcharls they fail with NotSupportedException naming it.
/// </summary>
public sealed class JpegLsCodec : IDicomFrameCodec
{
    /// <inheritdoc />
    public string Name => "jpeg-ls";

    /// <inheritdoc />
    public bool CanDecode(DicomTransferSyntax syntax) => syntax.Pixels == PixelEncoding.JpegLs;

    /// <inheritdoc />
    public bool CanDecodeFrame(ReadOnlySpan<byte> compressed, PixelDataInfo info) => JpegLsDecoder.Declines(compressed) is null;

    /// <inheritdoc />
    public string Decode(ReadOnlySpan<byte> compressed, PixelDataInfo info, Span<byte> destination)
    {
        try
        {
            JpegLsDecoder.Decode(compressed, info, destination);
        }
        catch (NotSupportedException ex)
        {
            // A later scan (ILV 0) used what the first did not: only CharLS can go on.
            throw new NotSupportedException($"{ex.Message} is not supported by our JPEG-LS decoder (install apt package libcharls2)", ex);
        }

        return info.Photometric;
    }
}
