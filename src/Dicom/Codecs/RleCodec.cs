using System.Buffers.Binary;
using System.Globalization;

namespace MedicalImaging.Dicom;

/// <summary>RLE Lossless (PS3.5 Annex G): one PackBits segment per byte plane, most significant byte first.</summary>
public sealed class RleCodec : IDicomFrameCodec
{
    /// <inheritdoc />
    public string Name => "rle";

    /// <inheritdoc />
    public bool CanDecode(DicomTransferSyntax syntax) => syntax.Pixels == PixelEncoding.Rle;

    /// <inheritdoc />
    public string Decode(ReadOnlySpan<byte> compressed, PixelDataInfo info, Span<byte> destination)
    {
        if (compressed.Length < 64)
        {
            throw new DicomFormatException(DicomTags.PixelData, -1, "RLE frame shorter than its 64-byte header");
        }

        var bytesPerSample = info.BytesPerSample;
        var expected = info.SamplesPerPixel * bytesPerSample;
        var segments = BinaryPrimitives.ReadInt32LittleEndian(compressed);
        if (segments != expected)
        {
            throw new DicomFormatException(DicomTags.PixelData, -1, string.Create(CultureInfo.InvariantCulture,
                $"RLE header declares {segments} segments, {expected} expected"));
        }

        var pixels = checked((int)info.PixelCount);
        var stride = info.SamplesPerPixel * bytesPerSample;
        for (var s = 0; s < segments; s++)
        {
            var start = BinaryPrimitives.ReadInt32LittleEndian(compressed[(4 + 4 * s)..]);
            var end = s + 1 < segments ? BinaryPrimitives.ReadInt32LittleEndian(compressed[(8 + 4 * s)..]) : compressed.Length;
            if (start < 64 || end > compressed.Length || end < start)
            {
                throw new DicomFormatException(DicomTags.PixelData, -1, string.Create(CultureInfo.InvariantCulture,
                    $"RLE segment {s} spans {start}..{end}, outside the {compressed.Length}-byte frame"));
            }

            var sample = s / bytesPerSample;
            var byteInSample = bytesPerSample - 1 - (s % bytesPerSample); // segments go MSB first; output is little-endian
            DecodeSegment(compressed[start..end], destination, sample * bytesPerSample + byteInSample, stride, pixels, s);
        }

        return info.Photometric;
    }

    private static void DecodeSegment(ReadOnlySpan<byte> src, Span<byte> dst, int first, int stride, int count, int segment)
    {
        var o = 0;
        var i = 0;
        var d = first;
        while (o < count && i < src.Length)
        {
            int n = (sbyte)src[i++];
            if (n >= 0)
            {
                var run = n + 1;
                if (i + run > src.Length)
                {
                    throw Corrupt(segment, "literal run past the end of the segment");
                }

                run = Math.Min(run, count - o);
                for (var k = 0; k < run; k++, d += stride)
                {
                    dst[d] = src[i + k];
                }

                i += n + 1;
                o += run;
            }
            else if (n != -128)
            {
                if (i >= src.Length)
                {
                    throw Corrupt(segment, "replicate run without its byte");
                }

                var value = src[i++];
                var run = Math.Min(1 - n, count - o);
                for (var k = 0; k < run; k++, d += stride)
                {
                    dst[d] = value;
                }

                o += run;
            }
        }

        if (o < count)
        {
            throw Corrupt(segment, string.Create(CultureInfo.InvariantCulture, $"decoded {o} of {count} bytes"));
        }
    }

    private static DicomFormatException Corrupt(int segment, string what) =>
        new(DicomTags.PixelData, -1, string.Create(CultureInfo.InvariantCulture, $"RLE segment {segment}: {what}"));
}
