using System.Runtime.CompilerServices;

namespace MedicalImaging.Dicom;

/// <summary>
/// A canonical JPEG Huffman table (ITU T.81 Annex C) for lossless differences: a 12-bit lookup yields the whole
/// difference (code plus extra bits) when both fit, else the symbol; longer codes fall back to the code-length walk.
/// </summary>
internal sealed class JpegHuffmanTable
{
    public const int LookupBits = 12;
    private const int LookupSize = 1 << LookupBits;

    private readonly int[] _maxCode = new int[18];
    private readonly int[] _valPtr = new int[17];
    private readonly int[] _minCode = new int[17];
    private readonly byte[] _values;

    // (difference << 8) | bits consumed; 0 when the code and its extra bits do not fit the lookup.
    private readonly int[] _differences = new int[LookupSize];

    // (code length << 8) | symbol; 0 when the code is longer than the lookup.
    private readonly int[] _symbols = new int[LookupSize];

    public JpegHuffmanTable(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> values)
    {
        _values = values.ToArray();
        var code = 0;
        var k = 0;
        for (var length = 1; length <= 16; length++)
        {
            _valPtr[length] = k;
            _minCode[length] = code;
            for (var n = 0; n < counts[length - 1] && k < _values.Length; n++, k++, code++)
            {
                if (code >= 1 << length)
                {
                    // More codes of this length than the code space holds (T.81 C.2): not a Huffman table.
                    throw new DicomFormatException(DicomTags.PixelData, -1, "JPEG lossless: Huffman table has more codes than fit their lengths");
                }

                if (length <= LookupBits)
                {
                    Fill(length, code, _values[k]);
                }
            }

            _maxCode[length] = counts[length - 1] == 0 ? -1 : code - 1;
            code <<= 1;
        }

        _maxCode[17] = int.MaxValue;
    }

    /// <summary>The lookup of whole differences: (difference &lt;&lt; 8) | bits, or 0 for the slow path.</summary>
    public int[] Differences => _differences;

    /// <summary>The symbol lookup: (code length &lt;&lt; 8) | symbol, or 0 for codes longer than <see cref="LookupBits"/>.</summary>
    public int[] Symbols => _symbols;

    /// <summary>Reads one lossless difference: a category symbol SSSS and its SSSS extra bits (16 means 32768).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int DecodeDifference(ref JpegBitReader reader)
    {
        reader.Ensure(32);
        var entry = _differences[reader.Peek(LookupBits)];
        if (entry != 0)
        {
            reader.Skip(entry & 0xFF);
            return entry >> 8;
        }

        return DecodeLongDifference(ref reader);
    }

    private int DecodeLongDifference(ref JpegBitReader reader)
    {
        var t = DecodeSymbol(ref reader, reader.Peek(LookupBits));
        if (t == 0)
        {
            return 0;
        }

        if (t == 16)
        {
            return 32768;
        }

        if (t > 16)
        {
            throw new DicomFormatException(DicomTags.PixelData, -1, "JPEG lossless: difference category above 16");
        }

        return Extend(reader.ReadBits(t), t);
    }

    /// <summary>Reads one symbol.</summary>
    public int Decode(ref JpegBitReader reader)
    {
        reader.Ensure(32);
        return DecodeSymbol(ref reader, reader.Peek(LookupBits));
    }

    private int DecodeSymbol(ref JpegBitReader reader, int peek)
    {
        var symbol = _symbols[peek];
        if (symbol != 0)
        {
            reader.Skip(symbol >> 8);
            return symbol & 0xFF;
        }

        var bits = reader.Peek(16);
        for (var length = LookupBits + 1; length <= 16; length++)
        {
            var code = bits >> (16 - length);
            if (_maxCode[length] >= 0 && code <= _maxCode[length])
            {
                var index = _valPtr[length] + code - _minCode[length];
                if ((uint)index >= (uint)_values.Length)
                {
                    break;
                }

                reader.Skip(length);
                return _values[index];
            }
        }

        throw new DicomFormatException(DicomTags.PixelData, -1, "JPEG lossless: invalid Huffman code");
    }

    private void Fill(int length, int code, byte symbol)
    {
        var shift = LookupBits - length;
        var first = code << shift;
        for (var i = 0; i < 1 << shift; i++)
        {
            _symbols[first + i] = (length << 8) | symbol;
        }

        if (symbol > 16)
        {
            return; // invalid category: the slow path reports it
        }

        var extra = symbol is 0 or 16 ? 0 : symbol;
        if (length + extra > LookupBits)
        {
            return;
        }

        var rest = LookupBits - length - extra;
        for (var x = 0; x < 1 << extra; x++)
        {
            var difference = symbol switch { 0 => 0, 16 => 32768, _ => Extend(x, symbol) };
            var start = ((code << extra) | x) << rest;
            for (var i = 0; i < 1 << rest; i++)
            {
                _differences[start + i] = (difference << 8) | (length + extra);
            }
        }
    }

    /// <summary>The difference coded by <paramref name="bits"/> extra bits of value <paramref name="value"/> (T.81 F.12).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Extend(int value, int bits) => value < 1 << (bits - 1) ? value - (1 << bits) + 1 : value;
}
