namespace MedicalImaging.Dicom;

/// <summary>A canonical JPEG Huffman table (ITU T.81 Annex C) decoded by code length.</summary>
internal sealed class JpegHuffmanTable
{
    private readonly int[] _maxCode = new int[18];
    private readonly int[] _valPtr = new int[17];
    private readonly int[] _minCode = new int[17];
    private readonly byte[] _values;

    public JpegHuffmanTable(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> values)
    {
        _values = values.ToArray();
        var code = 0;
        var k = 0;
        for (var length = 1; length <= 16; length++)
        {
            _valPtr[length] = k;
            _minCode[length] = code;
            code += counts[length - 1];
            k += counts[length - 1];
            _maxCode[length] = counts[length - 1] == 0 ? -1 : code - 1;
            code <<= 1;
        }

        _maxCode[17] = int.MaxValue;
    }

    /// <summary>Reads one symbol.</summary>
    public int Decode(ref JpegBitReader reader)
    {
        var code = reader.ReadBit();
        for (var length = 1; length <= 16; length++)
        {
            if (code <= _maxCode[length] && _maxCode[length] >= 0)
            {
                var index = _valPtr[length] + code - _minCode[length];
                if ((uint)index >= (uint)_values.Length)
                {
                    break;
                }

                return _values[index];
            }

            code = (code << 1) | reader.ReadBit();
        }

        throw new DicomFormatException(DicomTags.PixelData, -1, "JPEG lossless: invalid Huffman code");
    }
}
