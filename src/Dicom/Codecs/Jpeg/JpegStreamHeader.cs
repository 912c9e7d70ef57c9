using System.Buffers.Binary;

namespace MedicalImaging.Dicom;

/// <summary>
/// The facts of a JPEG codestream that decide how libjpeg decodes it: frame type and precision, component ids,
/// and the JFIF/Adobe markers that libjpeg uses to guess the colour model (jdapimin.c default_decompress_parms).
/// </summary>
internal readonly record struct JpegStreamHeader(byte FrameMarker, int Precision, int Components, int Width, int Height,
    bool HasJfif, int AdobeTransform, bool HasRgbComponentIds)
{
    /// <summary>True for baseline, extended and progressive DCT frames (SOF0, SOF1, SOF2).</summary>
    public bool IsDct => FrameMarker is 0xC0 or 0xC1 or 0xC2;

    /// <summary>
    /// True when libjpeg takes a three-component stream for RGB and so applies no colour transform: no JFIF marker and
    /// an Adobe marker with transform 0, or no marker at all and component ids 'R','G','B'.
    /// </summary>
    public bool LibjpegSeesRgb => Components == 3 && !HasJfif && (AdobeTransform >= 0 ? AdobeTransform == 0 : HasRgbComponentIds);

    /// <summary>Reads the markers up to the first SOS; false when there is no frame header before it.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out JpegStreamHeader header)
    {
        header = default;
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8)
        {
            return false;
        }

        var jfif = false;
        var adobe = -1;
        var pos = 2;
        while (pos + 4 <= data.Length)
        {
            if (data[pos] != 0xFF)
            {
                return false;
            }

            var marker = data[pos + 1];
            if (marker == 0xFF)
            {
                pos++;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 2)..]);
            if (length < 2 || pos + 2 + length > data.Length)
            {
                return false;
            }

            var segment = data.Slice(pos + 4, length - 2);
            switch (marker)
            {
                case 0xE0 when segment.Length >= 5 && segment[..5].SequenceEqual("JFIF\0"u8):
                    jfif = true;
                    break;
                case 0xEE when segment.Length >= 12 && segment[..5].SequenceEqual("Adobe"u8):
                    adobe = segment[11];
                    break;
                case >= 0xC0 and <= 0xCF when marker is not 0xC4 and not 0xC8 and not 0xCC:
                    if (segment.Length < 6 || segment.Length < 6 + 3 * segment[5])
                    {
                        return false;
                    }

                    var n = segment[5];
                    var rgbIds = n == 3 && segment[6] == 'R' && segment[9] == 'G' && segment[12] == 'B';
                    header = new JpegStreamHeader(marker, segment[0], n, BinaryPrimitives.ReadUInt16BigEndian(segment[3..]),
                        BinaryPrimitives.ReadUInt16BigEndian(segment[1..]), jfif, adobe, rgbIds);
                    break;
                case 0xDA:
                    // JFIF/Adobe markers may follow the frame header; they count as long as they precede the first scan.
                    header = header with { HasJfif = jfif, AdobeTransform = adobe };
                    return header.Components > 0;
            }

            pos += 2 + length;
        }

        return false;
    }

    /// <summary>
    /// A copy of the codestream that libjpeg will decode without a colour transform: JFIF and Adobe markers renamed to
    /// APP15 (skipped) and the component ids set to 'R','G','B' in the frame header and every scan header.
    /// </summary>
    public static byte[] WithRgbComponentIds(ReadOnlySpan<byte> data)
    {
        var copy = data.ToArray();
        Span<byte> ids = stackalloc byte[3];
        var pos = 2;
        while (pos + 4 <= copy.Length)
        {
            if (copy[pos] != 0xFF)
            {
                // Entropy-coded data: the next marker is an 0xFF not followed by 0x00 or an RSTn/fill byte.
                pos++;
                continue;
            }

            var marker = copy[pos + 1];
            if (marker is 0x00 or 0xFF or (>= 0xD0 and <= 0xD7) or 0x01)
            {
                pos += marker == 0xFF ? 1 : 2;
                continue;
            }

            if (marker == 0xD9)
            {
                break;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(copy.AsSpan(pos + 2));
            if (length < 2 || pos + 2 + length > copy.Length)
            {
                break;
            }

            var segment = copy.AsSpan(pos + 4, length - 2);
            switch (marker)
            {
                case 0xE0 or 0xEE:
                    copy[pos + 1] = 0xEF;
                    break;
                case >= 0xC0 and <= 0xCF when marker is not 0xC4 and not 0xC8 and not 0xCC && segment.Length >= 15 && segment[5] == 3:
                    for (var c = 0; c < 3; c++)
                    {
                        ids[c] = segment[6 + 3 * c];
                        segment[6 + 3 * c] = (byte)"RGB"[c];
                    }

                    break;
                case 0xDA when segment.Length >= 1:
                    for (var k = 0; k < segment[0] && 2 + 2 * k < segment.Length; k++)
                    {
                        var index = ids.IndexOf(segment[1 + 2 * k]);
                        if (index >= 0)
                        {
                            segment[1 + 2 * k] = (byte)"RGB"[index];
                        }
                    }

                    break;
            }

            pos += 2 + length;
        }

        return copy;
    }
}
