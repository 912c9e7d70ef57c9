namespace MedicalImaging.Imaging.Common;

/// <summary>The CRC-32 PNG chunks carry (ISO-HDLC polynomial 0xEDB88320), slicing by 8 bytes.</summary>
internal static class Crc32
{
    private static readonly uint[] Table = Build();

    /// <summary>Continues <paramref name="crc"/> (start with 0) over <paramref name="data"/>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var c = ~crc;
        var table = Table;
        while (data.Length >= 8)
        {
            var low = c ^ (uint)(data[0] | (data[1] << 8) | (data[2] << 16) | (data[3] << 24));
            c = table[(7 * 256) + (low & 0xFF)] ^ table[(6 * 256) + ((low >> 8) & 0xFF)]
                ^ table[(5 * 256) + ((low >> 16) & 0xFF)] ^ table[(4 * 256) + (low >> 24)]
                ^ table[(3 * 256) + data[4]] ^ table[(2 * 256) + data[5]]
                ^ table[256 + data[6]] ^ table[data[7]];
            data = data[8..];
        }

        foreach (var b in data)
        {
            c = table[(c ^ b) & 0xFF] ^ (c >> 8);
        }

        return ~c;
    }

    private static uint[] Build()
    {
        var table = new uint[8 * 256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        for (var n = 0; n < 256; n++)
        {
            for (var s = 1; s < 8; s++)
            {
                var previous = table[((s - 1) * 256) + n];
                table[(s * 256) + n] = table[previous & 0xFF] ^ (previous >> 8);
            }
        }

        return table;
    }
}
