using System.Buffers.Binary;
using System.Globalization;

namespace MedicalImaging.Dicom;

/// <summary>
/// ITU T.81 process 14 (lossless, Huffman, non-hierarchical): SOF3, predictors 1–7, point transform,
/// restart intervals, interleaved or one-scan-per-component, precision 2–16, no subsampling.
/// </summary>
internal sealed class JpegLosslessDecoder
{
    private readonly JpegHuffmanTable?[] _tables = new JpegHuffmanTable?[4];
    private int _restartInterval;
    private int _precision;
    private int _width;
    private int _height;
    private byte[] _componentIds = [];
    private ushort[][] _planes = [];

    /// <summary>Decoded samples, one plane per component.</summary>
    public ushort[][] Planes => _planes;

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

        _componentIds = new byte[count];
        _planes = new ushort[count][];
        for (var c = 0; c < count; c++)
        {
            _componentIds[c] = s[6 + 3 * c];
            if (s[7 + 3 * c] != 0x11)
            {
                throw Error(pos, "subsampled lossless JPEG is not supported");
            }

            _planes[c] = new ushort[_width * _height];
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
            tables[k] = _tables[header[2 + 2 * k] >> 4] ?? throw Error(start, "SOS uses an undefined Huffman table");
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
        var mcuCount = 0;
        var firstRowOfInterval = 0;
        for (var y = 0; y < _height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                if (_restartInterval > 0 && mcuCount > 0 && mcuCount % _restartInterval == 0)
                {
                    reader.Restart();
                    firstRowOfInterval = y;
                    if (x != 0)
                    {
                        throw Error(reader.Position, "restart interval not a multiple of the row length");
                    }
                }

                mcuCount++;
                var i = y * width + x;
                for (var k = 0; k < ns; k++)
                {
                    var plane = planes[k];
                    var t = tables[k].Decode(ref reader);
                    int diff;
                    if (t == 0)
                    {
                        diff = 0;
                    }
                    else if (t == 16)
                    {
                        diff = 32768;
                    }
                    else if (t > 16)
                    {
                        throw Error(reader.Position, "difference category above 16");
                    }
                    else
                    {
                        diff = reader.ReadBits(t);
                        if (diff < 1 << (t - 1))
                        {
                            diff -= (1 << t) - 1;
                        }
                    }

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
                        int ra = plane[i - 1], rb = plane[i - width], rc = plane[i - width - 1];
                        pred = predictor switch
                        {
                            1 => ra,
                            2 => rb,
                            3 => rc,
                            4 => ra + rb - rc,
                            5 => ra + ((rb - rc) >> 1),
                            6 => rb + ((ra - rc) >> 1),
                            _ => (ra + rb) >> 1,
                        };
                    }

                    plane[i] = (ushort)((pred + diff) & 0xFFFF);
                }
            }
        }

        if (reader.Overrun > 4)
        {
            throw Error(reader.Position, "entropy-coded data ends before the last pixel");
        }

        if (pointTransform > 0)
        {
            foreach (var plane in planes)
            {
                for (var i = 0; i < plane.Length; i++)
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

    private static DicomFormatException Error(int pos, string what) =>
        new(DicomTags.PixelData, -1, string.Create(CultureInfo.InvariantCulture, $"JPEG lossless, codestream byte {pos}: {what}"));
}
