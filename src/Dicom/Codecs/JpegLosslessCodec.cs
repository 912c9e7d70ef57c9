using System.Globalization;

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
        var decoder = new JpegLosslessDecoder();
        decoder.Decode(compressed, checked((int)info.PixelCount));
        if (decoder.Width != info.Columns || decoder.Height != info.Rows || decoder.Planes.Length != info.SamplesPerPixel)
        {
            throw new DicomFormatException(DicomTags.PixelData, -1, string.Create(CultureInfo.InvariantCulture,
                $"JPEG lossless frame is {decoder.Width}x{decoder.Height}x{decoder.Planes.Length}; the header says {info.Columns}x{info.Rows}x{info.SamplesPerPixel}"));
        }

        var spp = info.SamplesPerPixel;
        var bps = info.BytesPerSample;
        var pixels = (int)info.PixelCount;
        destination.Clear();
        for (var s = 0; s < spp; s++)
        {
            var plane = decoder.Planes[s];
            for (var p = 0; p < pixels; p++)
            {
                var d = (p * spp + s) * bps;
                var v = plane[p];
                destination[d] = (byte)v;
                if (bps > 1)
                {
                    destination[d + 1] = (byte)(v >> 8);
                }
            }
        }

        return info.Photometric;
    }
}
