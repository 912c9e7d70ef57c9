#if HAS_GDCM
using System.Globalization;
using System.Runtime.CompilerServices;

namespace MedicalImaging.Dicom;

/// <summary>Drives GDCM's image codecs on one frame's codestream (kept apart so the rest loads without gdcm-sharp).</summary>
internal static class GdcmDecoder
{
    private static readonly Lock Gate = new();

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool Load()
    {
        NativeLibraries.Register(typeof(gdcm.JPEGCodec).Assembly);
        using var codec = new gdcm.JPEGCodec();
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static string Decode(byte[] compressed, PixelDataInfo info, Span<byte> destination)
    {
        // GDCM codecs keep state; one frame at a time keeps the native side simple.
        lock (Gate)
        {
            using gdcm.ImageCodec codec = info.TransferSyntax.Pixels switch
            {
                PixelEncoding.Jpeg2000 => new gdcm.JPEG2000Codec(),
                PixelEncoding.JpegLs => new gdcm.JPEGLSCodec(),
                _ => new gdcm.JPEGCodec(),
            };
            codec.SetNumberOfDimensions(2);
            using var dims = new gdcm.UIntArrayType(new uint[] { (uint)info.Columns, (uint)info.Rows, 1 });
            codec.SetDimensions(dims);
            codec.SetPlanarConfiguration((uint)info.PlanarConfiguration);
            using var pi = new gdcm.PhotometricInterpretation(gdcm.PhotometricInterpretation.GetPIType(info.Photometric));
            codec.SetPhotometricInterpretation(pi);
            codec.SetNeedByteSwap(false);

            // Last: JPEGCodec copies dimensions and photometric into its bit-depth-specific codec here.
            using var format = new gdcm.PixelFormat((ushort)info.SamplesPerPixel, (ushort)info.BitsAllocated,
                (ushort)info.BitsStored, (ushort)info.HighBit, (ushort)info.PixelRepresentation);
            codec.SetPixelFormat(format);

            using var fragments = gdcm.SequenceOfFragments.New();
            using var fragment = new gdcm.Fragment();
            using var length = new gdcm.VL((uint)compressed.Length);
            fragment.SetByteValue(compressed, length);
            fragments.AddFragment(fragment);
            using var pixelTag = new gdcm.Tag(0x7FE0, 0x0010);
            using var input = new gdcm.DataElement(pixelTag);
            input.SetValue(fragments.__ref__());
            input.SetVLToUndefined();
            using var output = new gdcm.DataElement();
            if (!codec.Decode(input, output))
            {
                throw new DicomFormatException(DicomTags.PixelData, -1, $"GDCM could not decode the {info.TransferSyntax.Name} frame");
            }

            using var value = output.GetByteValue();
            var produced = value is null ? 0 : (long)(uint)value.GetLength();
            if (produced < destination.Length)
            {
                throw new DicomFormatException(DicomTags.PixelData, -1, string.Create(CultureInfo.InvariantCulture,
                    $"GDCM decoded {produced} bytes; the frame needs {destination.Length}"));
            }

            var buffer = new byte[produced];
            value!.GetBuffer(buffer, (uint)produced);
            var planar = codec.GetPlanarConfiguration();
            if (planar == 1 && info.SamplesPerPixel == 3)
            {
                Interleave(buffer, info, destination);
            }
            else
            {
                buffer.AsSpan(0, destination.Length).CopyTo(destination);
            }

            using var outPi = codec.GetPhotometricInterpretation();
            var name = gdcm.PhotometricInterpretation.GetPIString(outPi.GetType());
            return string.IsNullOrWhiteSpace(name) ? info.Photometric : name.Trim();
        }
    }

    private static void Interleave(byte[] planar, PixelDataInfo info, Span<byte> destination)
    {
        var pixels = (int)info.PixelCount;
        var bps = info.BytesPerSample;
        for (var s = 0; s < 3; s++)
        {
            for (var p = 0; p < pixels; p++)
            {
                planar.AsSpan((s * pixels + p) * bps, bps).CopyTo(destination.Slice((p * 3 + s) * bps, bps));
            }
        }
    }
}
#endif
