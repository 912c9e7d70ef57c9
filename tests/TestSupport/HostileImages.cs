using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace MedicalImaging.Tests.Support;

/// <summary>
/// Small files that decode to huge images: a PNG of flat colour and a deflated DICOM of zeros, written
/// as streams so making them costs the test process next to nothing (what the server does with them is
/// what is measured).
/// </summary>
public static class HostileImages
{
    /// <summary>A valid 8-bit RGB (or grey) PNG of one flat colour: a few hundred KB for 10000×10000.</summary>
    public static byte[] FlatPng(int width, int height, bool rgb = true)
    {
        using var output = new MemoryStream();
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;
        ihdr[9] = (byte)(rgb ? 2 : 0);
        Chunk(output, "IHDR", ihdr);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                var row = new byte[1 + (width * (rgb ? 3 : 1))];
                for (var i = 1; i < row.Length; i++)
                {
                    row[i] = (byte)(90 + (i % 3 * 40)); // a flat colour
                }

                for (var y = 0; y < height; y++)
                {
                    zlib.Write(row);
                }
            }

            Chunk(output, "IDAT", compressed.ToArray());
        }

        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>
    /// A Part 10 file in Deflated Explicit VR Little Endian (1.2.840.10008.1.2.1.99), rows × columns × samples
    /// of 8-bit pixels, all zero: about 1 KB per MB inflated.
    /// </summary>
    public static byte[] DeflatedDicom(int rows, int columns, int samples = 1)
    {
        using var output = new MemoryStream();
        output.Write(new byte[128]);
        output.Write("DICM"u8);
        using (var meta = new MemoryStream())
        {
            Element(meta, 0x0002, 0x0001, "OB", [0, 1]);
            Element(meta, 0x0002, 0x0002, "UI", Ui("1.2.840.10008.5.1.4.1.1.7"));
            Element(meta, 0x0002, 0x0003, "UI", Ui("2.25.1234567890"));
            Element(meta, 0x0002, 0x0010, "UI", Ui("1.2.840.10008.1.2.1.99"));
            var length = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)meta.Length);
            Element(output, 0x0002, 0x0000, "UL", length);
            meta.WriteTo(output);
        }

        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            Element(deflate, 0x0008, 0x0016, "UI", Ui("1.2.840.10008.5.1.4.1.1.7"));
            Element(deflate, 0x0008, 0x0018, "UI", Ui("2.25.1234567890"));
            Element(deflate, 0x0008, 0x0060, "CS", Encoding.ASCII.GetBytes("OT"));
            Element(deflate, 0x0028, 0x0002, "US", Us(samples));
            Element(deflate, 0x0028, 0x0004, "CS", Encoding.ASCII.GetBytes(samples == 3 ? "RGB " : "MONOCHROME2 "));
            if (samples == 3)
            {
                Element(deflate, 0x0028, 0x0006, "US", Us(0));
            }

            Element(deflate, 0x0028, 0x0010, "US", Us(rows));
            Element(deflate, 0x0028, 0x0011, "US", Us(columns));
            Element(deflate, 0x0028, 0x0100, "US", Us(8));
            Element(deflate, 0x0028, 0x0101, "US", Us(8));
            Element(deflate, 0x0028, 0x0102, "US", Us(7));
            Element(deflate, 0x0028, 0x0103, "US", Us(0));
            var pixelBytes = (long)rows * columns * samples;
            pixelBytes += pixelBytes % 2;
            var header = new byte[12];
            BinaryPrimitives.WriteUInt16LittleEndian(header, 0x7FE0);
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(2), 0x0010);
            header[4] = (byte)'O';
            header[5] = (byte)'B';
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), (uint)pixelBytes);
            deflate.Write(header);
            var zeros = new byte[1 << 20];
            for (var left = pixelBytes; left > 0; left -= zeros.Length)
            {
                deflate.Write(zeros, 0, (int)Math.Min(zeros.Length, left));
            }
        }

        return output.ToArray();
    }

    private static byte[] Ui(string uid) => Encoding.ASCII.GetBytes(uid.Length % 2 == 0 ? uid : uid + "\0");

    private static byte[] Us(int value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)value);
        return bytes;
    }

    private static void Element(Stream stream, ushort group, ushort element, string vr, byte[] value)
    {
        var longForm = vr is "OB" or "OW" or "SQ" or "UN" or "UT";
        var header = new byte[longForm ? 12 : 8];
        BinaryPrimitives.WriteUInt16LittleEndian(header, group);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(2), element);
        header[4] = (byte)vr[0];
        header[5] = (byte)vr[1];
        if (longForm)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), (uint)value.Length);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), (ushort)value.Length);
        }

        stream.Write(header);
        stream.Write(value);
    }

    private static void Chunk(Stream stream, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        var typed = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type, typed);
        data.CopyTo(typed, 4);
        stream.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        stream.Write(crc);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
