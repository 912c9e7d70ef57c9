using System.Buffers.Binary;

namespace MedicalImaging.Dicom;

/// <summary>Turns native (uncompressed) frame bytes into little-endian, interleaved samples.</summary>
internal static class NativeFrameReader
{
    public static void Read(ReadOnlySpan<byte> source, int bitOffset, PixelDataInfo info, bool bigEndian, bool wordSwapBytes, Span<byte> destination)
    {
        var samples = (int)(info.PixelCount * info.SamplesPerPixel);
        if (info.BitsAllocated == 1)
        {
            for (var i = 0; i < samples; i++)
            {
                var bit = bitOffset + i;
                destination[i] = (byte)((source[bit >> 3] >> (bit & 7)) & 1);
            }

            return;
        }

        if (info.IsNativeSubsampled)
        {
            Upsample422(source, info, destination);
            return;
        }

        var bps = info.BytesPerSample;
        var bytes = samples * bps;
        if (info.PlanarConfiguration == 0 || info.SamplesPerPixel == 1)
        {
            source[..bytes].CopyTo(destination);
        }
        else
        {
            Interleave(source, info, destination, bps);
        }

        if (bigEndian && bps > 1)
        {
            SwapInPlace(destination[..bytes], bps);
        }
        else if (bigEndian && wordSwapBytes)
        {
            // 8-bit samples stored as OW in big endian were written as swapped 16-bit words.
            SwapInPlace(destination[..(bytes & ~1)], 2);
        }
    }

    private static void Interleave(ReadOnlySpan<byte> source, PixelDataInfo info, Span<byte> destination, int bps)
    {
        var pixels = (int)info.PixelCount;
        var spp = info.SamplesPerPixel;
        for (var s = 0; s < spp; s++)
        {
            var plane = source.Slice(s * pixels * bps, pixels * bps);
            for (var p = 0; p < pixels; p++)
            {
                plane.Slice(p * bps, bps).CopyTo(destination.Slice((p * spp + s) * bps, bps));
            }
        }
    }

    private static void Upsample422(ReadOnlySpan<byte> source, PixelDataInfo info, Span<byte> destination)
    {
        // Y1 Y2 Cb Cr for each pair of pixels in a row (8-bit in practice).
        var cols = info.Columns;
        var pairsPerRow = (cols + 1) / 2;
        var s = 0;
        for (var r = 0; r < info.Rows; r++)
        {
            for (var p = 0; p < pairsPerRow; p++)
            {
                var y1 = source[s];
                var y2 = source[s + 1];
                var cb = source[s + 2];
                var cr = source[s + 3];
                s += 4;
                var x = p * 2;
                var d = (r * cols + x) * 3;
                destination[d] = y1;
                destination[d + 1] = cb;
                destination[d + 2] = cr;
                if (x + 1 < cols)
                {
                    destination[d + 3] = y2;
                    destination[d + 4] = cb;
                    destination[d + 5] = cr;
                }
            }
        }
    }

    private static void SwapInPlace(Span<byte> data, int unit)
    {
        if (unit == 2)
        {
            var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(data);
            BinaryPrimitives.ReverseEndianness(words, words);
        }
        else if (unit == 4)
        {
            var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(data);
            BinaryPrimitives.ReverseEndianness(words, words);
        }
    }
}
