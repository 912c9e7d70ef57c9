using MedicalImaging.Dicom;

namespace MedicalImaging.Fuzz.Targets;

/// <summary>
/// The DICOM reader end to end as the server uses it: parse (meta, transfer syntax, deflate, sequences), read every
/// element's text, the Image Pixel module, then decode frame 0 with our own codecs (native, RLE, JPEG lossless,
/// JPEG-LS; the native GDCM/OpenJPEG/CharLS libraries are left out: their bugs are not ours to find here).
/// </summary>
public sealed class DicomParserTarget : FuzzTarget
{
    // Small caps keep one execution fast; the real limits are tested elsewhere.
    private static readonly DicomParseOptions Options = new() { MaxInflatedBytes = 16 << 20 };

    private static readonly DicomPixelDecoder Decoder = new([new RleCodec(), new JpegLosslessCodec(), new JpegLsCodec()])
    {
        MaxFrameBytes = 16 << 20,
        MaxDegreeOfParallelism = 1,
    };

    public override string Name => "dicom";

    protected override bool IsDocumented(Exception exception) =>
        exception is DicomFormatException or NotSupportedException;

    protected override void Execute(ReadOnlySpan<byte> input)
    {
        var file = DicomFile.Parse(input.ToArray(), Options);
        foreach (var element in file.Dataset.Elements)
        {
            _ = file.Dataset.GetString(element.Tag);
        }

        if (file.Dataset.Contains(DicomTags.PixelData))
        {
            _ = PixelDataInfo.FromFile(file);
            _ = Decoder.DecodeFrame(file, 0);
        }
    }
}
