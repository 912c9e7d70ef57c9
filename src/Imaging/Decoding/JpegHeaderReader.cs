using System.Buffers.Binary;

namespace MedicalImaging.Imaging.Decoding;

/// <summary>Walks JPEG marker segments up to the first SOFn frame header; never decodes entropy-coded data.</summary>
internal static class JpegHeaderReader
{
    public static bool HasSignature(ReadOnlySpan<byte> header) =>
        header.Length >= 3 && header[0] == 0xFF && header[1] == 0xD8 && header[2] == 0xFF;

    public static RasterHeader Read(ReadOnlySpan<byte> data)
    {
        if (!HasSignature(data))
        {
            throw new ImageDecodeException("Not a JPEG: the start-of-image marker FFD8 is missing.");
        }

        var position = 2;
        while (true)
        {
            // Markers may be preceded by any number of 0xFF fill bytes.
            if (position >= data.Length || data[position] != 0xFF)
            {
                throw new ImageDecodeException($"Invalid JPEG: expected a marker at byte {position} before any frame header (SOFn).");
            }

            while (position < data.Length && data[position] == 0xFF)
            {
                position++;
            }

            if (position >= data.Length)
            {
                throw new ImageDecodeException("Truncated JPEG: the file ends before a frame header (SOFn).");
            }

            var marker = data[position++];
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue; // standalone markers carry no length
            }

            if (marker is 0xD9 or 0xDA)
            {
                throw new ImageDecodeException($"Invalid JPEG: marker FF{marker:X2} reached before any frame header (SOFn).");
            }

            if (position + 2 > data.Length)
            {
                throw new ImageDecodeException($"Truncated JPEG: segment FF{marker:X2} at byte {position - 2} has no length.");
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
            if (length < 2 || position + length > data.Length)
            {
                throw new ImageDecodeException($"Truncated JPEG: segment FF{marker:X2} at byte {position - 2} declares {length} bytes, past the end of the file.");
            }

            if (IsStartOfFrame(marker))
            {
                return ReadFrame(data.Slice(position + 2, length - 2), marker);
            }

            position += length;
        }
    }

    /// <summary>True when an end-of-image marker appears near the end (a truncated file lacks it).</summary>
    public static bool HasEnd(ReadOnlySpan<byte> data)
    {
        var tail = data[Math.Max(0, data.Length - 1024)..];
        for (var i = tail.Length - 2; i >= 0; i--)
        {
            if (tail[i] == 0xFF && tail[i + 1] == 0xD9)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsStartOfFrame(byte marker) =>
        marker is >= 0xC0 and <= 0xCF && marker is not (0xC4 or 0xC8 or 0xCC);

    private static RasterHeader ReadFrame(ReadOnlySpan<byte> frame, byte marker)
    {
        if (frame.Length < 6)
        {
            throw new ImageDecodeException($"Invalid JPEG: frame header FF{marker:X2} is {frame.Length} bytes, at least 6 are needed.");
        }

        var precision = frame[0];
        int height = BinaryPrimitives.ReadUInt16BigEndian(frame[1..]);
        int width = BinaryPrimitives.ReadUInt16BigEndian(frame[3..]);
        var components = frame[5];
        if (width == 0 || height == 0)
        {
            throw new ImageDecodeException($"Unsupported JPEG: frame dimensions {width}×{height} (a height set later by a DNL marker is not supported).");
        }

        if (precision != 8)
        {
            throw new ImageDecodeException($"Unsupported JPEG: {precision}-bit samples; this decoder reads 8-bit JPEG only (12/16-bit JPEG belongs in DICOM).");
        }

        if (marker is 0xC3 or 0xC7 or 0xCB or 0xCF)
        {
            throw new ImageDecodeException($"Unsupported JPEG: lossless process (SOF FF{marker:X2}) is not supported for PNG/JPEG uploads.");
        }

        var channels = components switch
        {
            1 => 1,
            3 or 4 => 3,
            _ => throw new ImageDecodeException($"Unsupported JPEG: {components} colour components."),
        };

        return new RasterHeader("jpeg", width, height, channels, precision);
    }
}
