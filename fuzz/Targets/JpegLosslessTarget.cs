using MedicalImaging.Dicom;

namespace MedicalImaging.Fuzz.Targets;

/// <summary>Our JPEG Lossless (process 14) decoder on a raw codestream, capped at 4 megapixels as the pipeline caps it.</summary>
public sealed class JpegLosslessTarget : FuzzTarget
{
    public override string Name => "jpeg-lossless";

    protected override bool IsDocumented(Exception exception) => exception is DicomFormatException;

    protected override void Execute(ReadOnlySpan<byte> input)
    {
        using var decoder = new JpegLosslessDecoder();
        decoder.Decode(input, maxPixels: 4 << 20);
    }
}
