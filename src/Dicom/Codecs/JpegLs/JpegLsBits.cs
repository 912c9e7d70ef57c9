using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace MedicalImaging.Dicom;

/// <summary>
/// JPEG-LS entropy bits (T.87 A.1): a 64-bit cache, most significant bit next; after an 0xFF byte the next byte
/// carries 7 bits (its top bit is stuffed). A marker (0xFF then a byte ≥ 0x80) or the end of the data is not consumed:
/// zero bits are fed instead and counted, so reading past the scan is detected rather than undefined.
/// </summary>
internal unsafe struct JpegLsBits
{
    public ulong Cache;
    public int Count;
    private readonly byte* _data;
    private readonly int _end;
    private int _position;
    private bool _afterFF;
    private bool _atEnd;
    private long _padBits;

    public JpegLsBits(byte* data, int start, int end)
    {
        _data = data;
        _position = start;
        _end = end;
    }

    /// <summary>The first byte not yet loaded.</summary>
    public readonly int Position => _position;

    /// <summary>True once bits past the scan's data (zeros fed at its end) have been consumed.</summary>
    public readonly bool Overrun => _padBits > Count;

    /// <summary>Loads bytes until more than 56 bits are cached.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Fill()
    {
        while (Count <= 56)
        {
            if (_atEnd)
            {
                Count += 8;
                _padBits += 8;
                continue;
            }

            if (!_afterFF && _position + 8 <= _end)
            {
                var word = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ulong>(_data + _position));
                var inverted = ~word;
                if (((inverted - 0x0101010101010101UL) & ~inverted & 0x8080808080808080UL) == 0)
                {
                    var bytes = (64 - Count) >> 3;
                    Cache |= (word & (ulong.MaxValue << (64 - 8 * bytes))) >> Count;
                    Count += 8 * bytes;
                    _position += bytes;
                    continue;
                }
            }

            if (_position >= _end)
            {
                _atEnd = true;
                continue;
            }

            var b = _data[_position];
            if (_afterFF)
            {
                Cache |= (ulong)b << (57 - Count);
                Count += 7;
                _position++;
                _afterFF = false;
            }
            else if (b == 0xFF)
            {
                if (_position + 1 >= _end || _data[_position + 1] >= 0x80)
                {
                    _atEnd = true;
                    continue;
                }

                Cache |= 0xFFUL << (56 - Count);
                Count += 8;
                _position++;
                _afterFF = true;
            }
            else
            {
                Cache |= (ulong)b << (56 - Count);
                Count += 8;
                _position++;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadBit()
    {
        if (Count == 0)
        {
            Fill();
        }

        var bit = (int)(Cache >> 63);
        Cache <<= 1;
        Count--;
        return bit;
    }

    /// <summary>Reads <paramref name="n"/> (0..32) bits.</summary>
    public int ReadBits(int n)
    {
        if (n == 0)
        {
            return 0;
        }

        if (Count < n)
        {
            Fill();
        }

        var value = (int)(Cache >> (64 - n));
        Cache <<= n;
        Count -= n;
        return value;
    }

    /// <summary>
    /// A limited-length Golomb code (T.87 A.5.3): unary high part, then <paramref name="k"/> bits; after
    /// <c>limit - qbpp - 1</c> zeros an escape carries the value in <paramref name="qbpp"/> bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int ReadGolomb(int k, int limit, int qbpp)
    {
        var zeros = 0;
        var escape = limit - qbpp - 1;
        while (ReadBit() == 0)
        {
            if (++zeros > escape || Overrun)
            {
                throw JpegLsHeader.Error(_position, "a Golomb code is longer than LIMIT allows (corrupt or truncated data)");
            }
        }

        return zeros == escape ? ReadBits(qbpp) + 1 : (zeros << k) | ReadBits(k);
    }
}
