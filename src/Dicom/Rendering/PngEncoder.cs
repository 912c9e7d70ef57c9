using System.Buffers.Binary;
using System.IO.Compression;

namespace MedicalImaging.Dicom;

/// <summary>Minimal PNG writer: 8/16-bit grey or 8-bit RGB, no filtering, zlib-compressed.</summary>
public static class PngEncoder
{
    /// <summary>Encodes rows of <paramref name="pixels"/> (16-bit samples big-endian as PNG requires).</summary>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, int channels, int bitDepth)
    {
        var rowBytes = width * channels * (bitDepth / 8);
        using var raw = new MemoryStream();
        using (var z = new ZLibStream(raw, CompressionLevel.Fastest, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                z.WriteByte(0);
                z.Write(pixels.Slice(y * rowBytes, rowBytes));
            }
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = (byte)bitDepth;
        header[9] = channels == 3 ? (byte)2 : (byte)0;
        WriteChunk(png, "IHDR"u8, header);
        WriteChunk(png, "IDAT"u8, raw.ToArray());
        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static readonly uint[] CrcTable = BuildCrcTable();

    private static uint Crc(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }

    private static void WriteChunk(Stream s, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(four, data.Length);
        s.Write(four);
        var crc = Crc(Crc(0xFFFFFFFFu, type), data) ^ 0xFFFFFFFFu;
        s.Write(type);
        s.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(four, crc);
        s.Write(four);
    }
}
