using System.Buffers;
using System.Globalization;
using System.Runtime.Intrinsics;

namespace MedicalImaging.Dicom;

/// <summary>
/// Our JPEG-LS decoder (ITU-T T.87 / ISO 14495-1): lossless and near-lossless, 2–16 bits, one scan per component
/// (ILV 0), line- or sample-interleaved (ILV 1, 2), preset parameters (LSE 1). The rest (<see cref="JpegLsHeader.Unsupported"/>)
/// is left to CharLS.
/// </summary>
internal static unsafe class JpegLsDecoder
{
    /// <summary>Why our decoder declines the codestream's first scan, or null when it takes it.</summary>
    public static string? Declines(ReadOnlySpan<byte> data)
    {
        try
        {
            return JpegLsHeader.Read(data, out _).Unsupported;
        }
        catch (DicomFormatException)
        {
            return null; // ours reports the corruption with its offset
        }
    }

    /// <summary>Decodes the frame into <paramref name="destination"/> (samples interleaved, LE, BytesPerSample wide).</summary>
    public static void Decode(ReadOnlySpan<byte> data, PixelDataInfo info, Span<byte> destination)
    {
        var header = JpegLsHeader.Read(data, out var scan);
        if (header.Width != info.Columns || header.Height != info.Rows || header.ComponentCount != info.SamplesPerPixel)
        {
            throw new DicomFormatException(DicomTags.PixelData, -1, string.Create(CultureInfo.InvariantCulture,
                $"JPEG-LS frame is {header.Width}x{header.Height}x{header.ComponentCount}; the header says {info.Columns}x{info.Rows}x{info.SamplesPerPixel}"));
        }

        var bytesPerSample = info.BytesPerSample;
        if (bytesPerSample > 2 || (header.Precision > 8 && bytesPerSample < 2))
        {
            throw new DicomFormatException(DicomTags.BitsAllocated, -1, string.Create(CultureInfo.InvariantCulture,
                $"{header.Precision}-bit JPEG-LS samples do not fit Bits Allocated {info.BitsAllocated}"));
        }

        if (destination.Length < (long)info.PixelCount * info.SamplesPerPixel * bytesPerSample)
        {
            throw new ArgumentException("destination is smaller than the frame", nameof(destination));
        }

        var width = header.Width;
        var components = header.ComponentCount;
        var lineLength = width + 2;
        var lines = ArrayPool<int>.Shared.Rent(2 * components * lineLength);
        var done = new bool[components];
        var decoder = new JpegLsLineDecoder();
        try
        {
            fixed (byte* source = data)
            fixed (byte* output = destination)
            fixed (int* lineBase = lines)
            {
                while (true)
                {
                    if (header.Unsupported is { } why)
                    {
                        throw new NotSupportedException($"JPEG-LS {why}");
                    }

                    DecodeScan(source, data.Length, header, scan, decoder, lineBase, lineLength, output, bytesPerSample);
                    foreach (var c in scan.Components)
                    {
                        done[c] = true;
                    }

                    if (Array.TrueForAll(done, d => d))
                    {
                        return;
                    }

                    var marker = NextMarker(data, scan.EntropyOffset);
                    scan = header.ReadSegments(data, marker)
                        ?? throw JpegLsHeader.Error(marker, $"the codestream ends before component {Array.IndexOf(done, false) + 1} of {components} was coded");
                    if (scan.Components.Any(c => done[c]))
                    {
                        throw JpegLsHeader.Error(marker, "a scan codes a component a previous scan already coded");
                    }
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(lines);
        }
    }

    private static void DecodeScan(byte* source, int length, JpegLsHeader header, JpegLsScan scan, JpegLsLineDecoder decoder,
        int* lineBase, int lineLength, byte* output, int bytesPerSample)
    {
        decoder.Start(JpegLsParameters.For(header.Precision, header.Presets, scan.Near, scan.EntropyOffset));
        var bits = new JpegLsBits(source, scan.EntropyOffset, length);
        var width = header.Width;
        var components = header.ComponentCount;
        if (scan.Interleave == 2)
        {
            DecodeInterleavedScan(ref bits, header, scan, decoder, lineBase, output, bytesPerSample);
            return;
        }

        var previous = stackalloc int*[4];
        var current = stackalloc int*[4];
        for (var i = 0; i < scan.Components.Length; i++)
        {
            var c = scan.Components[i];
            previous[i] = lineBase + 2 * c * lineLength + 1;
            current[i] = previous[i] + lineLength;
            new Span<int>(previous[i] - 1, 2 * lineLength).Clear();
        }

        for (var y = 0; y < header.Height; y++)
        {
            for (var i = 0; i < scan.Components.Length; i++)
            {
                decoder.DecodeLine(ref bits, previous[i], current[i], width, i);
                var c = scan.Components[i];
                var at = ((long)y * width * components + c) * bytesPerSample;
                Store(current[i], output + at, width, components, bytesPerSample);
                var swap = previous[i];
                previous[i] = current[i];
                current[i] = swap;
            }
        }
    }

    /// <summary>A sample-interleaved scan: pixel-major lines of the scan's components.</summary>
    private static void DecodeInterleavedScan(ref JpegLsBits bits, JpegLsHeader header, JpegLsScan scan, JpegLsLineDecoder decoder,
        int* lineBase, byte* output, int bytesPerSample)
    {
        var width = header.Width;
        var components = header.ComponentCount;
        var count = scan.Components.Length;
        var lineLength = (width + 2) * count;
        var previous = lineBase + count;
        var current = previous + lineLength;
        new Span<int>(lineBase, 2 * lineLength).Clear();
        for (var y = 0; y < header.Height; y++)
        {
            decoder.DecodeInterleavedLine(ref bits, previous, current, width, count);
            for (var i = 0; i < count; i++)
            {
                var at = ((long)y * width * components + scan.Components[i]) * bytesPerSample;
                StoreStrided(current + i, count, output + at, width, components, bytesPerSample);
            }

            var swap = previous;
            previous = current;
            current = swap;
        }
    }

    private static void StoreStrided(int* line, int lineStride, byte* destination, int width, int stride, int bytesPerSample)
    {
        for (var x = 0; x < width; x++)
        {
            if (bytesPerSample == 2)
            {
                ((ushort*)destination)[x * stride] = (ushort)line[x * lineStride];
            }
            else
            {
                destination[x * stride] = (byte)line[x * lineStride];
            }
        }
    }

    /// <summary>The position of the marker that ends a scan's entropy-coded data (0xFF then a byte ≥ 0x80).</summary>
    private static int NextMarker(ReadOnlySpan<byte> data, int from)
    {
        for (var i = from; i + 1 < data.Length; i++)
        {
            if (data[i] == 0xFF && data[i + 1] >= 0x80 && data[i + 1] != 0xFF)
            {
                return i;
            }
        }

        throw JpegLsHeader.Error(data.Length, "no marker after the scan's data");
    }

    private static void Store(int* line, byte* destination, int width, int stride, int bytesPerSample)
    {
        var x = 0;
        if (bytesPerSample == 2)
        {
            var target = (ushort*)destination;
            if (stride == 1 && Vector256.IsHardwareAccelerated)
            {
                for (; x + 16 <= width; x += 16)
                {
                    var lo = Vector256.Load((uint*)line + x);
                    var hi = Vector256.Load((uint*)line + x + 8);
                    Vector256.Narrow(lo, hi).Store(target + x);
                }
            }

            for (; x < width; x++)
            {
                target[x * stride] = (ushort)line[x];
            }
        }
        else
        {
            for (; x < width; x++)
            {
                destination[x * stride] = (byte)line[x];
            }
        }
    }
}
