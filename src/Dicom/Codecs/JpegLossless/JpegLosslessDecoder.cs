using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace MedicalImaging.Dicom;

/// <summary>
/// ITU T.81 process 14 (lossless, Huffman, non-hierarchical): SOF3, predictors 1–7, point transform,
/// restart intervals, interleaved or one-scan-per-component, precision 2–16, no subsampling.
/// </summary>
internal sealed class JpegLosslessDecoder : IDisposable
{
    private readonly JpegHuffmanTable?[] _tables = new JpegHuffmanTable?[4];
    private int _restartInterval;
    private int _precision;
    private int _width;
    private int _height;
    private byte[] _componentIds = [];
    private ushort[][] _planes = [];
    private bool[] _scanned = [];

    /// <summary>Decoded samples, one plane per component (pooled arrays: only the first Width×Height are the image).</summary>
    public ushort[][] Planes => _planes;

    /// <summary>The decoded samples of component <paramref name="index"/>.</summary>
    public Span<ushort> Plane(int index) => _planes[index].AsSpan(0, _width * _height);

    /// <summary>Returns the planes to the pool.</summary>
    public void Dispose()
    {
        foreach (var plane in _planes)
        {
            if (plane is not null) // a frame header refused half way leaves the rest unrented
            {
                ArrayPool<ushort>.Shared.Return(plane);
            }
        }

        _planes = [];
    }

    public int Width => _width;

    public int Height => _height;

    public int Precision => _precision;

    public void Decode(ReadOnlySpan<byte> data, int maxPixels)
    {
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8)
        {
            throw Error(0, "no SOI marker");
        }

        var pos = 2;
        var sawFrame = false;
        while (pos + 4 <= data.Length)
        {
            if (data[pos] != 0xFF)
            {
                pos++;
                continue; // tolerate junk between segments
            }

            var marker = data[pos + 1];
            if (marker == 0xFF)
            {
                pos++;
                continue;
            }

            if (marker == 0xD9)
            {
                break;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                pos += 2;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 2)..]);
            if (length < 2 || pos + 2 + length > data.Length)
            {
                throw Error(pos, string.Create(CultureInfo.InvariantCulture, $"segment FF{marker:X2} length {length} runs past the data"));
            }

            var segment = data.Slice(pos + 4, length - 2);
            switch (marker)
            {
                case 0xC3:
                    ReadFrame(segment, pos, maxPixels);
                    sawFrame = true;
                    break;
                case 0xC4:
                    ReadHuffman(segment, pos);
                    break;
                case 0xDD:
                    _restartInterval = segment.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(segment) : 0;
                    break;
                case 0xDA:
                    if (!sawFrame)
                    {
                        throw Error(pos, "SOS before SOF3");
                    }

                    pos = ReadScan(data, segment, pos + 2 + length);
                    continue;
                case >= 0xC0 and <= 0xCF when marker is not 0xC4 and not 0xC8 and not 0xCC:
                    throw Error(pos, string.Create(CultureInfo.InvariantCulture, $"SOF{marker - 0xC0} is not lossless process 14"));
            }

            pos += 2 + length;
        }

        if (!sawFrame)
        {
            throw Error(pos, "no SOF3 frame header");
        }

        // Pooled planes hold stale samples until a scan writes them.
        var missing = Array.IndexOf(_scanned, false);
        if (missing >= 0)
        {
            throw Error(pos, string.Create(CultureInfo.InvariantCulture, $"component {_componentIds[missing]} has no scan"));
        }
    }

    private void ReadFrame(ReadOnlySpan<byte> s, int pos, int maxPixels)
    {
        if (s.Length < 6)
        {
            throw Error(pos, "short SOF3");
        }

        _precision = s[0];
        _height = BinaryPrimitives.ReadUInt16BigEndian(s[1..]);
        _width = BinaryPrimitives.ReadUInt16BigEndian(s[3..]);
        var count = s[5];
        if (_precision is < 2 or > 16 || count is 0 or > 4 || s.Length < 6 + 3 * count || _width == 0 || _height == 0)
        {
            throw Error(pos, string.Create(CultureInfo.InvariantCulture, $"bad SOF3 (P={_precision}, {_width}x{_height}, {count} components)"));
        }

        if ((long)_width * _height > maxPixels)
        {
            throw Error(pos, string.Create(CultureInfo.InvariantCulture, $"SOF3 says {_width}x{_height}, larger than the DICOM header allows"));
        }

        Dispose(); // a second frame header replaces the first
        _componentIds = new byte[count];
        _scanned = new bool[count];
        _planes = new ushort[count][];
        for (var c = 0; c < count; c++)
        {
            _componentIds[c] = s[6 + 3 * c];
            if (s[7 + 3 * c] != 0x11)
            {
                throw Error(pos, "subsampled lossless JPEG is not supported");
            }

            _planes[c] = ArrayPool<ushort>.Shared.Rent(_width * _height); // every sample is written by the scan
        }
    }

    private void ReadHuffman(ReadOnlySpan<byte> s, int pos)
    {
        var i = 0;
        while (i < s.Length)
        {
            if (i + 17 > s.Length)
            {
                throw Error(pos, "short DHT");
            }

            var id = s[i] & 0x0F;
            var counts = s.Slice(i + 1, 16);
            var total = 0;
            foreach (var c in counts)
            {
                total += c;
            }

            if (id > 3 || i + 17 + total > s.Length)
            {
                throw Error(pos, "bad DHT");
            }

            _tables[id] = new JpegHuffmanTable(counts, s.Slice(i + 17, total));
            i += 17 + total;
        }
    }

    private int ReadScan(ReadOnlySpan<byte> data, ReadOnlySpan<byte> header, int start)
    {
        var ns = header.Length > 0 ? header[0] : 0;
        if (ns == 0 || header.Length < 1 + 2 * ns + 3)
        {
            throw Error(start, "bad SOS");
        }

        var planes = new ushort[ns][];
        var tables = new JpegHuffmanTable[ns];
        for (var k = 0; k < ns; k++)
        {
            var index = Array.IndexOf(_componentIds, header[1 + 2 * k]);
            if (index < 0)
            {
                throw Error(start, "SOS names an unknown component");
            }

            planes[k] = _planes[index];
            _scanned[index] = true;
            var table = header[2 + 2 * k] >> 4;
            tables[k] = (table < _tables.Length ? _tables[table] : null) ?? throw Error(start, "SOS uses an undefined Huffman table");
        }

        var predictor = header[1 + 2 * ns];
        var pointTransform = header[3 + 2 * ns] & 0x0F;
        if (predictor is < 1 or > 7)
        {
            throw Error(start, string.Create(CultureInfo.InvariantCulture, $"predictor {predictor} is not 1..7"));
        }

        var reader = new JpegBitReader(data, start);
        var width = _width;
        var mask = (1 << (_precision)) - 1;
        var initial = 1 << (_precision - pointTransform - 1);
        if (ns == 1 && (_restartInterval == 0 || _restartInterval % width == 0))
        {
            DecodeSingleComponent(ref reader, planes[0], tables[0], predictor, initial);
        }
        else
        {
            DecodeInterleaved(ref reader, planes, tables, predictor, initial);
        }

        if (reader.Overrun > 4)
        {
            throw Error(reader.Position, "entropy-coded data ends before the last pixel");
        }

        if (pointTransform > 0)
        {
            foreach (var plane in planes)
            {
                for (var i = 0; i < _width * _height; i++)
                {
                    plane[i] = (ushort)((plane[i] << pointTransform) & mask);
                }
            }
        }

        // Continue at the next marker.
        var next = reader.AlignedPosition();
        while (next + 1 < data.Length && !(data[next] == 0xFF && data[next + 1] != 0x00 && data[next + 1] is < 0xD0 or > 0xD7))
        {
            next++;
        }

        return next;
    }

    private void DecodeInterleaved(ref JpegBitReader reader, ushort[][] planes, JpegHuffmanTable[] tables, int predictor, int initial)
    {
        var ns = planes.Length;
        var width = _width;
        var untilRestart = _restartInterval;
        var firstRowOfInterval = 0;
        for (var y = 0; y < _height; y++)
        {
            var row = y * width;
            for (var x = 0; x < width; x++)
            {
                if (_restartInterval > 0)
                {
                    if (untilRestart == 0)
                    {
                        reader.Restart();
                        firstRowOfInterval = y;
                        untilRestart = _restartInterval;
                        if (x != 0)
                        {
                            throw Error(reader.Position, "restart interval not a multiple of the row length");
                        }
                    }

                    untilRestart--;
                }

                var i = row + x;
                for (var k = 0; k < ns; k++)
                {
                    var plane = planes[k];
                    var diff = tables[k].DecodeDifference(ref reader);
                    int pred;
                    if (y == firstRowOfInterval)
                    {
                        pred = x == 0 ? initial : plane[i - 1];
                    }
                    else if (x == 0)
                    {
                        pred = plane[i - width];
                    }
                    else
                    {
                        pred = Predict(predictor, plane[i - 1], plane[i - width], plane[i - width - 1]);
                    }

                    plane[i] = (ushort)(pred + diff);
                }
            }
        }
    }

    /// <summary>
    /// One component, restarts (if any) at row starts: the predictor chosen once per row, the bit accumulator kept in
    /// locals (registers) and the whole-difference lookup inlined.
    /// </summary>
    private void DecodeSingleComponent(ref JpegBitReader reader, ushort[] plane, JpegHuffmanTable table, int predictor, int initial)
    {
        var width = _width;
        var rowsPerInterval = _restartInterval / width;
        var firstRowOfInterval = 0;
        var lut = table.Differences;
        var symbols = table.Symbols;
        var (acc, count) = reader.State;
        for (var y = 0; y < _height; y++)
        {
            if (rowsPerInterval > 0 && y > 0 && y % rowsPerInterval == 0)
            {
                reader.Sync(acc, count);
                reader.Restart();
                (acc, count) = reader.State;
                firstRowOfInterval = y;
            }

            var row = plane.AsSpan(y * width, width);
            var above = y == firstRowOfInterval ? default : plane.AsSpan((y - 1) * width, width);
            var rowPredictor = y == firstRowOfInterval ? 1 : predictor;
            // The previous sample stays in a register: reading it back from the row would put a store-to-load
            // forwarding delay on the critical path of every pixel.
            int previous = y == firstRowOfInterval ? initial : above[0];
            for (var x = 0; x < row.Length; x++)
            {
                if (count < 32)
                {
                    (acc, count) = reader.Refill(acc, count);
                }

                var peek = (int)(acc >> (count - JpegHuffmanTable.LookupBits)) & ((1 << JpegHuffmanTable.LookupBits) - 1);
                var entry = lut[peek];
                int diff;
                if (entry != 0)
                {
                    count -= entry & 0xFF;
                    diff = entry >> 8;
                }
                else if (symbols[peek] is var symbol && symbol != 0 && (symbol & 0xFF) is var t and > 0 and < 16)
                {
                    // Short code, many extra bits: count ≥ 32 covers the ≤ 12 + 15 bits.
                    count -= symbol >> 8;
                    count -= t;
                    diff = JpegHuffmanTable.Extend((int)(acc >> count) & ((1 << t) - 1), t);
                }
                else
                {
                    reader.Sync(acc, count);
                    diff = table.DecodeDifference(ref reader);
                    (acc, count) = reader.State;
                }

                var pred = x == 0 || rowPredictor == 1 ? previous : Predict(rowPredictor, previous, above[x], above[x - 1]);
                previous = (ushort)(pred + diff);
                row[x] = (ushort)previous;
            }
        }

        reader.Sync(acc, count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Predict(int predictor, int ra, int rb, int rc) => predictor switch
    {
        1 => ra,
        2 => rb,
        3 => rc,
        4 => ra + rb - rc,
        5 => ra + ((rb - rc) >> 1),
        6 => rb + ((ra - rc) >> 1),
        _ => (ra + rb) >> 1,
    };

    private static DicomFormatException Error(int pos, string what) =>
        new(DicomTags.PixelData, -1, string.Create(CultureInfo.InvariantCulture, $"JPEG lossless, codestream byte {pos}: {what}"));
}
