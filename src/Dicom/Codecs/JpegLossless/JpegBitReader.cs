using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace MedicalImaging.Dicom;

/// <summary>
/// Reads entropy-coded bits through a 64-bit accumulator, removing 0xFF00 stuffing and feeding zero bits at a marker
/// (or past the end) without consuming it.
/// </summary>
internal ref struct JpegBitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private ulong _acc; // the low _count bits are unread, oldest first
    private int _count;
    private int _padBits; // zero bits appended at a marker or past the end (the most recent ones in _acc)
    private long _overrunBits; // padding consumed in finished restart intervals

    public JpegBitReader(ReadOnlySpan<byte> data, int position)
    {
        _data = data;
        Position = position;
    }

    /// <summary>Next byte not yet loaded into the accumulator.</summary>
    public int Position { get; private set; }

    /// <summary>Bytes read past the end of the entropy-coded data (corrupt streams read zeros).</summary>
    public readonly long Overrun => (_overrunBits + Math.Max(0, _padBits - _count) + 7) / 8;

    /// <summary>Makes at least <paramref name="bits"/> (≤ 56) bits available to <see cref="Peek"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Ensure(int bits)
    {
        if (_count < bits)
        {
            Fill();
        }
    }

    /// <summary>The next <paramref name="bits"/> bits without consuming them (after <see cref="Ensure"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly int Peek(int bits) => (int)(_acc >> (_count - bits)) & ((1 << bits) - 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Skip(int bits) => _count -= bits;

    public int ReadBit() => ReadBits(1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadBits(int count)
    {
        if (count == 0)
        {
            return 0;
        }

        Ensure(count);
        var v = Peek(count);
        _count -= count;
        return v;
    }

    /// <summary>The accumulator and its bit count, for loops that keep them in registers.</summary>
    public readonly (ulong Acc, int Count) State => (_acc, _count);

    /// <summary>Takes back a loop's accumulator state and tops it up to at least 57 bits.</summary>
    public (ulong Acc, int Count) Refill(ulong acc, int count)
    {
        _acc = acc;
        _count = count;
        Fill();
        return (_acc, _count);
    }

    /// <summary>Takes back a loop's accumulator state.</summary>
    public void Sync(ulong acc, int count)
    {
        _acc = acc;
        _count = count;
    }

    /// <summary>Drops the partial byte and consumes the RSTn marker that ends the interval.</summary>
    public void Restart()
    {
        _overrunBits += Math.Max(0, _padBits - _count);
        _acc = 0;
        _count = 0;
        _padBits = 0;

        // A well-formed interval ends at the marker the accumulator stopped at; skip stray bytes otherwise.
        while (Position + 1 < _data.Length)
        {
            if (_data[Position] == 0xFF)
            {
                var next = _data[Position + 1];
                if (next == 0xFF)
                {
                    Position++;
                    continue;
                }

                if (next != 0x00)
                {
                    break;
                }
            }

            Position++;
        }

        if (Position + 1 < _data.Length && _data[Position] == 0xFF && _data[Position + 1] is >= 0xD0 and <= 0xD7)
        {
            Position += 2;
        }
    }

    /// <summary>Byte position from which to look for the marker after the entropy-coded data.</summary>
    public int AlignedPosition()
    {
        _count = 0;
        return Position;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool HasFFByte(ulong word)
    {
        var inverted = ~word; // an 0xFF byte becomes 0x00
        return ((inverted - 0x0101010101010101UL) & ~inverted & 0x8080808080808080UL) != 0;
    }

    private void Fill()
    {
        var data = _data;
        var pos = Position;
        var acc = _acc;
        var count = _count;
        if (_padBits == 0)
        {
            // Fast path: the next 8 bytes hold no 0xFF, so as many whole bytes as fit go in at once.
            if (pos + 8 <= data.Length)
            {
                var word = BinaryPrimitives.ReadUInt64BigEndian(data[pos..]);
                if (!HasFFByte(word))
                {
                    var take = Math.Min(7, (64 - count) >> 3); // 8 would shift by 64, which C# masks to 0
                    acc = (acc << (take << 3)) | (word >> (64 - (take << 3)));
                    count += take << 3;
                    pos += take;
                }
            }

            while (count <= 56 && pos < data.Length)
            {
                uint b = data[pos];
                if (b != 0xFF)
                {
                    pos++;
                }
                else if (pos + 1 < data.Length && data[pos + 1] == 0x00)
                {
                    pos += 2;
                }
                else
                {
                    break; // a marker: leave it for the caller
                }

                acc = (acc << 8) | b;
                count += 8;
            }
        }

        while (count <= 56)
        {
            acc <<= 8;
            count += 8;
            _padBits += 8;
        }

        _acc = acc;
        _count = count;
        Position = pos;
    }
}
