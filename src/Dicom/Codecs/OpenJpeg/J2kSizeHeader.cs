using System.Buffers.Binary;

namespace MedicalImaging.Dicom;

/// <summary>
/// The SIZ marker segment of a JPEG 2000 codestream (ITU-T T.800 A.5.1), read without OpenJPEG: the codec checks it
/// against the DICOM header before the library allocates anything, and picks J2K or JP2 from the first bytes.
/// </summary>
internal readonly record struct J2kSizeHeader(long Width, long Height, int Components, long Tiles, bool Subsampled)
{
    private static ReadOnlySpan<byte> Jp2Signature => [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A];

    /// <summary>True for the JP2 file format (signature box), false for a raw codestream or anything else.</summary>
    public static bool IsJp2File(ReadOnlySpan<byte> data) => data.StartsWith(Jp2Signature);

    /// <summary>Reads SIZ from a codestream (SOC then SIZ) or from a JP2 file's contiguous codestream box.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out J2kSizeHeader header)
    {
        header = default;
        var codestream = IsJp2File(data) ? FindCodestreamBox(data) : data;
        if (codestream.Length < 42 || codestream[0] != 0xFF || codestream[1] != 0x4F || codestream[2] != 0xFF || codestream[3] != 0x51)
        {
            return false;
        }

        var siz = codestream[4..];
        var length = BinaryPrimitives.ReadUInt16BigEndian(siz);
        var components = BinaryPrimitives.ReadUInt16BigEndian(siz[36..]);
        if (length < 38 + (3 * components) || siz.Length < length || components == 0)
        {
            return false;
        }

        long x1 = BinaryPrimitives.ReadUInt32BigEndian(siz[4..]);
        long y1 = BinaryPrimitives.ReadUInt32BigEndian(siz[8..]);
        long x0 = BinaryPrimitives.ReadUInt32BigEndian(siz[12..]);
        long y0 = BinaryPrimitives.ReadUInt32BigEndian(siz[16..]);
        long tileWidth = BinaryPrimitives.ReadUInt32BigEndian(siz[20..]);
        long tileHeight = BinaryPrimitives.ReadUInt32BigEndian(siz[24..]);
        long tileX0 = BinaryPrimitives.ReadUInt32BigEndian(siz[28..]);
        long tileY0 = BinaryPrimitives.ReadUInt32BigEndian(siz[32..]);
        if (x1 <= x0 || y1 <= y0 || tileWidth == 0 || tileHeight == 0 || tileX0 > x0 || tileY0 > y0)
        {
            return false;
        }

        var subsampled = false;
        for (var c = 0; c < components; c++)
        {
            subsampled |= siz[39 + (3 * c)] != 1 || siz[40 + (3 * c)] != 1;
        }

        var tiles = Ceiling(x1 - tileX0, tileWidth) * Ceiling(y1 - tileY0, tileHeight);
        header = new J2kSizeHeader(x1 - x0, y1 - y0, components, tiles, subsampled);
        return true;
    }

    private static long Ceiling(long a, long b) => (a + b - 1) / b;

    /// <summary>The payload of the first top-level 'jp2c' box, or empty.</summary>
    private static ReadOnlySpan<byte> FindCodestreamBox(ReadOnlySpan<byte> data)
    {
        var position = 0L;
        while (position + 8 <= data.Length)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(data[(int)position..]);
            var type = BinaryPrimitives.ReadUInt32BigEndian(data[((int)position + 4)..]);
            var header = 8L;
            if (size == 1 && position + 16 <= data.Length)
            {
                size = (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(data[((int)position + 8)..]), long.MaxValue);
                header = 16;
            }
            else if (size == 0)
            {
                size = data.Length - position;
            }

            if (size < header)
            {
                return [];
            }

            if (type == 0x6A703263) // 'jp2c'
            {
                return data[(int)(position + header)..(int)Math.Min(data.Length, position + size)];
            }

            position += size;
        }

        return [];
    }
}
