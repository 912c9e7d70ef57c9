using MedicalImaging.Dicom;

namespace MedicalImaging.Fuzz.Targets;

/// <summary>
/// Our RLE Lossless decoder (PS3.5 Annex G) on one frame. The first three input bytes give the frame's shape
/// (rows − 1, columns − 1, flags: bit 0 = three samples, bit 1 = 16 bits), the rest is the RLE frame.
/// </summary>
public sealed class RleTarget : FuzzTarget
{
    public override string Name => "rle";

    protected override bool IsDocumented(Exception exception) => exception is DicomFormatException;

    protected override void Execute(ReadOnlySpan<byte> input)
    {
        if (input.Length < 3)
        {
            return;
        }

        var info = FrameShape.Info(rows: input[0] + 1, columns: input[1] + 1, samples: (input[2] & 1) != 0 ? 3 : 1,
            bits: (input[2] & 2) != 0 ? 16 : 8, DicomTransferSyntax.Parse("1.2.840.10008.1.2.5"));
        var destination = new byte[info.FrameBytes];
        new RleCodec().Decode(input[3..], info, destination);
    }
}
