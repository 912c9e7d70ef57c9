using MedicalImaging.Dicom;

namespace MedicalImaging.Fuzz.Targets;

/// <summary>
/// Our JPEG-LS decoder on a raw codestream whose frame header gives the shape (as the DICOM header would);
/// codestreams it declines go to CharLS in the server and are skipped here.
/// </summary>
public sealed class JpegLsTarget : FuzzTarget
{
    public override string Name => "jpeg-ls";

    protected override bool IsDocumented(Exception exception) =>
        exception is DicomFormatException or NotSupportedException;

    protected override void Execute(ReadOnlySpan<byte> input)
    {
        var header = JpegLsHeader.Read(input, out _);
        if (header.Unsupported is not null || (long)header.Width * header.Height > 4 << 20)
        {
            return;
        }

        var info = FrameShape.Info(header.Height, header.Width, header.ComponentCount, header.Precision > 8 ? 16 : 8,
            DicomTransferSyntax.Parse("1.2.840.10008.1.2.4.80"));
        var destination = new byte[info.FrameBytes];
        JpegLsDecoder.Decode(input, info, destination);
    }
}
