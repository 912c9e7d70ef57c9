namespace MedicalImaging.Dicom;

/// <summary>Reads entropy-coded bits, removing 0xFF00 stuffing and stopping (zero bits) at a marker.</summary>
internal ref struct JpegBitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private uint _buffer;
    private int _bits;

    public JpegBitReader(ReadOnlySpan<byte> data, int position)
    {
        _data = data;
        Position = position;
    }

    /// <summary>Next unread byte.</summary>
    public int Position { get; private set; }

    /// <summary>Bits read past the end of the data (corrupt streams read zeros).</summary>
    public int Overrun { get; private set; }

    public int ReadBit()
    {
        if (_bits == 0)
        {
            Fill();
        }

        _bits--;
        return (int)((_buffer >> _bits) & 1);
    }

    public int ReadBits(int count)
    {
        var v = 0;
        for (var i = 0; i < count; i++)
        {
            v = (v << 1) | ReadBit();
        }

        return v;
    }

    /// <summary>Drops the partial byte and consumes an RSTn marker if one is next.</summary>
    public void Restart()
    {
        _bits = 0;
        _buffer = 0;
        while (Position + 1 < _data.Length && _data[Position] == 0xFF && _data[Position + 1] == 0xFF)
        {
            Position++;
        }

        if (Position + 1 < _data.Length && _data[Position] == 0xFF && _data[Position + 1] is >= 0xD0 and <= 0xD7)
        {
            Position += 2;
        }
    }

    /// <summary>Byte-aligned position of the next marker after the entropy-coded data.</summary>
    public int AlignedPosition()
    {
        _bits = 0;
        return Position;
    }

    private void Fill()
    {
        if (Position < _data.Length)
        {
            var b = _data[Position];
            if (b == 0xFF)
            {
                var next = Position + 1 < _data.Length ? _data[Position + 1] : 0;
                if (next == 0x00)
                {
                    Position += 2;
                }
                else
                {
                    // A marker: do not consume it; feed zeros.
                    Overrun++;
                    _buffer = 0;
                    _bits = 8;
                    return;
                }
            }
            else
            {
                Position++;
            }

            _buffer = b;
            _bits = 8;
            return;
        }

        Overrun++;
        _buffer = 0;
        _bits = 8;
    }
}
