using System.Buffers.Binary;
using System.Globalization;

namespace MedicalImaging.Dicom;

/// <summary>One JPEG-LS scan: its components (indices into the frame's), NEAR and interleave mode (ITU-T T.87 C.2.3).</summary>
internal readonly record struct JpegLsScan(int[] Components, int Near, int Interleave, int EntropyOffset);

/// <summary>LSE preset coding parameters (T.87 C.2.4.1.1); zero means "default".</summary>
internal readonly record struct JpegLsPresets(int MaxVal, int T1, int T2, int T3, int Reset);

/// <summary>
/// The markers of a JPEG-LS codestream up to a scan: SOF55 frame, LSE presets, SOS. Features our decoder leaves to
/// CharLS (restart intervals, mapping tables, colour transforms, oversize dimensions, subsampling, point transform)
/// are reported through <see cref="Unsupported"/> rather than thrown.
/// </summary>
internal sealed class JpegLsHeader
{
    public int Precision { get; private set; }

    public int Width { get; private set; }

    public int Height { get; private set; }

    public int ComponentCount => ComponentIds.Length;

    public int[] ComponentIds { get; private set; } = [];

    public JpegLsPresets Presets { get; private set; }

    /// <summary>Why our decoder declines this codestream (null when it takes it).</summary>
    public string? Unsupported { get; private set; }

    /// <summary>Reads SOI, the frame header and the segments before the first SOS; returns that scan.</summary>
    public static JpegLsHeader Read(ReadOnlySpan<byte> data, out JpegLsScan firstScan)
    {
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8)
        {
            throw Error(0, "no SOI marker (FFD8) at the start of the JPEG-LS codestream");
        }

        var header = new JpegLsHeader();
        firstScan = header.ReadSegments(data, 2) ?? throw Error(data.Length, "no SOS marker before the end of the JPEG-LS codestream");
        if (header.Precision == 0)
        {
            throw Error(2, "no SOF55 frame header (FFF7) before the first scan");
        }

        return header;
    }

    /// <summary>Reads marker segments from <paramref name="offset"/> (a marker) to the next SOS; null at EOI or the end.</summary>
    public JpegLsScan? ReadSegments(ReadOnlySpan<byte> data, int offset)
    {
        var p = offset;
        while (true)
        {
            // Fill bytes (FF FF ...) may precede a marker.
            while (p + 1 < data.Length && data[p] == 0xFF && data[p + 1] == 0xFF)
            {
                p++;
            }

            if (p + 1 >= data.Length)
            {
                return null;
            }

            if (data[p] != 0xFF)
            {
                throw Error(p, $"expected a marker, found byte 0x{data[p]:X2}");
            }

            var marker = data[p + 1];
            if (marker == 0xD9)
            {
                return null;
            }

            if (p + 4 > data.Length)
            {
                throw Error(p, $"marker FF{marker:X2} is cut off");
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(p + 2)..]);
            if (length < 2 || p + 2 + length > data.Length)
            {
                throw Error(p + 2, $"marker FF{marker:X2} declares {length} bytes; {data.Length - p - 2} remain");
            }

            var segment = data.Slice(p + 4, length - 2);
            var next = p + 2 + length;
            switch (marker)
            {
                case 0xF7:
                    ReadFrame(segment, p);
                    break;
                case 0xF8:
                    ReadPresets(segment, p);
                    break;
                case 0xDD:
                    if (segment.Length >= 2 && BinaryPrimitives.ReadUInt16BigEndian(segment) != 0)
                    {
                        Unsupported ??= "restart intervals (DRI)";
                    }

                    break;
                case 0xDA:
                    return ReadScan(segment, p, next);
                case 0xE8:
                    if (segment.Length >= 5 && segment[..4].SequenceEqual("mrfx"u8) && segment[4] != 0)
                    {
                        Unsupported ??= "an HP colour transform (APP8 mrfx)";
                    }

                    break;
                case >= 0xC0 and <= 0xCF when marker != 0xC4 && marker != 0xC8 && marker != 0xCC:
                    throw Error(p, $"marker FF{marker:X2} is a JPEG (not JPEG-LS) frame header");
                case 0xDC:
                    Unsupported ??= "a DNL marker";
                    break;
                default:
                    break; // APPn, COM and the like carry nothing we need
            }

            p = next;
        }
    }

    private void ReadFrame(ReadOnlySpan<byte> s, int at)
    {
        if (s.Length < 6)
        {
            throw Error(at, "SOF55 frame header is shorter than 6 bytes");
        }

        Precision = s[0];
        Height = BinaryPrimitives.ReadUInt16BigEndian(s[1..]);
        Width = BinaryPrimitives.ReadUInt16BigEndian(s[3..]);
        var count = s[5];
        if (Precision is < 2 or > 16)
        {
            throw Error(at, $"SOF55 sample precision {Precision} is outside 2..16");
        }

        if (count is < 1 or > 4 || s.Length < 6 + 3 * count)
        {
            throw Error(at, $"SOF55 declares {count} components in {s.Length} bytes");
        }

        if (Width == 0 || Height == 0)
        {
            Unsupported ??= "dimensions given outside the frame header (LSE 4 / DNL)";
        }

        var ids = new int[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = s[6 + 3 * i];
            if (s[7 + 3 * i] != 0x11)
            {
                Unsupported ??= "subsampled components";
            }
        }

        ComponentIds = ids;
    }

    private void ReadPresets(ReadOnlySpan<byte> s, int at)
    {
        if (s.Length < 1)
        {
            throw Error(at, "empty LSE segment");
        }

        if (s[0] != 1)
        {
            Unsupported ??= $"LSE type {s[0]} (mapping tables or oversize dimensions)";
            return;
        }

        if (s.Length < 11)
        {
            throw Error(at, "LSE preset parameters are shorter than 11 bytes");
        }

        Presets = new JpegLsPresets(BinaryPrimitives.ReadUInt16BigEndian(s[1..]), BinaryPrimitives.ReadUInt16BigEndian(s[3..]),
            BinaryPrimitives.ReadUInt16BigEndian(s[5..]), BinaryPrimitives.ReadUInt16BigEndian(s[7..]), BinaryPrimitives.ReadUInt16BigEndian(s[9..]));
    }

    private JpegLsScan ReadScan(ReadOnlySpan<byte> s, int at, int entropy)
    {
        if (Precision == 0)
        {
            throw Error(at, "SOS before the SOF55 frame header");
        }

        var count = s.Length > 0 ? s[0] : 0;
        if (count is < 1 or > 4 || s.Length < 4 + 2 * count)
        {
            throw Error(at, $"SOS declares {count} components in {s.Length} bytes");
        }

        var components = new int[count];
        for (var i = 0; i < count; i++)
        {
            var index = Array.IndexOf(ComponentIds, (int)s[1 + 2 * i]);
            if (index < 0)
            {
                throw Error(at, $"SOS names component {s[1 + 2 * i]}, which the frame header does not declare");
            }

            components[i] = index;
            if (s[2 + 2 * i] != 0)
            {
                Unsupported ??= "mapping tables";
            }
        }

        var near = s[1 + 2 * count];
        var interleave = s[2 + 2 * count];
        if (s[3 + 2 * count] != 0)
        {
            Unsupported ??= "a point transform";
        }

        if (interleave > 2 || (interleave == 0 && count != 1))
        {
            throw Error(at, $"SOS interleave mode {interleave} with {count} of {ComponentCount} components");
        }

        return new JpegLsScan(components, near, interleave, entropy);
    }

    public static DicomFormatException Error(long offset, string what) =>
        new(DicomTags.PixelData, -1, string.Create(CultureInfo.InvariantCulture, $"JPEG-LS codestream byte {offset}: {what}"));
}
