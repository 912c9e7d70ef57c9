using MedicalImaging.Imaging;
using MedicalImaging.Imaging.Decoding;

namespace MedicalImaging.Fuzz.Targets;

/// <summary>
/// The PNG/JPEG path: header readers (IHDR, SOFn), the truncation checks, OpenCV's decode and our conversion.
/// Images the pipeline would refuse by size (over 4 megapixels here) are not decoded.
/// </summary>
public sealed class RasterTarget : FuzzTarget
{
    private static readonly RasterImageDecoder Decoder = new();

    public override string Name => "raster";

    protected override bool IsDocumented(Exception exception) => exception is ImageDecodeException;

    protected override void Execute(ReadOnlySpan<byte> input)
    {
        var data = input.ToArray();
        if (!Decoder.CanDecode(data))
        {
            return;
        }

        var probe = Decoder.Probe(data);
        if ((long)probe.Width * probe.Height > 4 << 20)
        {
            return;
        }

        _ = Decoder.Decode(data, new DecodeOptions());
    }
}
