using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;

namespace MedicalImaging.Dicom;

/// <summary>JPEG Lossless process 14 (any predictor, point transform, restarts), our own decoder.</summary>
public sealed class JpegLosslessCodec : IDicomFrameCodec
{
    /// <inheritdoc />
    public string Name => "jpeg-lossless";

    /// <inheritdoc />
    public bool CanDecode(DicomTransferSyntax syntax) => syntax.Pixels == PixelEncoding.JpegLossless;

    /// <inheritdoc />
    public string Decode(ReadOnlySpan<byte> compressed, PixelDataInfo info, Span<byte> destination)
    {
        using var decoder = new JpegLosslessDecoder();
        decoder.Decode(compressed, checked((int)info.PixelCount));
        if (decoder.Width != info.Columns || decoder.Height != info.Rows || decoder.Planes.Length != info.SamplesPerPixel)
        {
            throw new DicomFormatException(DicomTags.PixelData, -1, string.Create(CultureInfo.InvariantCulture,
                $"JPEG lossless frame is {decoder.Width}x{decoder.Height}x{decoder.Planes.Length}; the header says {info.Columns}x{info.Rows}x{info.SamplesPerPixel}"));
        }

        var spp = info.SamplesPerPixel;
        var bps = info.BytesPerSample;
        if (spp == 1 && bps == 2)
        {
            MemoryMarshal.AsBytes(decoder.Plane(0)).CopyTo(destination);
            return info.Photometric;
        }

        if (bps > 2)
        {
            destination.Clear();
        }

        for (var s = 0; s < spp; s++)
        {
            var plane = decoder.Plane(s);
            if (bps == 1)
            {
                for (var p = 0; p < plane.Length; p++)
                {
                    destination[p * spp + s] = (byte)plane[p];
                }
            }
            else
            {
                var stride = spp * bps;
                for (var p = 0; p < plane.Length; p++)
                {
                    BinaryPrimitives.WriteUInt16LittleEndian(destination[(p * stride + s * bps)..], plane[p]);
                }
            }
        }

        return info.Photometric;
    }
}
