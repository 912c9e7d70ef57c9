using System.Buffers.Binary;
using System.Globalization;

namespace MedicalImaging.Dicom;

/// <summary>Locates one frame's bytes: a slice of native pixel data, or the fragments of an encapsulated frame.</summary>
internal static class FrameSource
{
    /// <summary>Native frame: the slice holding it and the bit offset of its first sample (non-zero only for 1-bit data).</summary>
    public static (ReadOnlyMemory<byte> Data, int BitOffset) Native(DicomElement pixel, PixelDataInfo info, int frame)
    {
        var frameBits = info.NativeFrameBits;
        var needed = (frameBits * info.Frames + 7) / 8;
        if (needed > pixel.Value.Length)
        {
            throw new DicomFormatException(pixel.Tag, pixel.Offset, string.Create(CultureInfo.InvariantCulture,
                $"{info.Frames} frame(s) of {info.Rows}x{info.Columns}x{info.SamplesPerPixel} at {info.BitsAllocated} bits need {needed} bytes, but Pixel Data holds {pixel.Value.Length}"));
        }

        var startBit = frameBits * frame;
        var start = (int)(startBit / 8);
        var length = (int)((startBit % 8 + frameBits + 7) / 8);
        return (pixel.Value.Slice(start, length), (int)(startBit % 8));
    }

    /// <summary>Encapsulated frame: extended offset table, basic offset table, one fragment per frame, or codestream markers.</summary>
    public static ReadOnlyMemory<byte> Encapsulated(DicomDataset dataset, DicomElement pixel, PixelDataInfo info, int frame)
    {
        var fragments = pixel.Fragments!.Fragments;
        if (fragments.Count == 0)
        {
            throw new DicomFormatException(pixel.Tag, pixel.Offset, "encapsulated Pixel Data has no fragments");
        }

        var extended = FromExtendedOffsetTable(dataset, pixel, info, frame);
        if (extended is { } e)
        {
            return e;
        }

        var table = pixel.Fragments.BasicOffsetTable.Span;
        if (table.Length >= 4 * info.Frames && table.Length % 4 == 0 && info.Frames > 1)
        {
            var start = BinaryPrimitives.ReadUInt32LittleEndian(table[(frame * 4)..]);
            var end = frame + 1 < info.Frames ? BinaryPrimitives.ReadUInt32LittleEndian(table[((frame + 1) * 4)..]) : long.MaxValue;
            var selected = new List<DicomFragment>();
            foreach (var f in fragments)
            {
                if (f.Position >= start && f.Position < end)
                {
                    selected.Add(f);
                }
            }

            if (selected.Count > 0 && selected[0].Position == start)
            {
                return Concatenate(selected);
            }
        }

        if (fragments.Count == info.Frames)
        {
            return fragments[frame].Data;
        }

        if (info.Frames == 1)
        {
            return Concatenate(fragments);
        }

        // No usable table and more fragments than frames: a frame starts at each codestream start marker.
        var groups = new List<List<DicomFragment>>();
        foreach (var f in fragments)
        {
            if (groups.Count == 0 || StartsCodestream(f.Data.Span))
            {
                groups.Add([]);
            }

            groups[^1].Add(f);
        }

        if (groups.Count != info.Frames)
        {
            throw new DicomFormatException(pixel.Tag, pixel.Offset, string.Create(CultureInfo.InvariantCulture,
                $"cannot map {fragments.Count} fragments to {info.Frames} frames (no offset table; {groups.Count} codestreams found)"));
        }

        return Concatenate(groups[frame]);
    }

    private static ReadOnlyMemory<byte>? FromExtendedOffsetTable(DicomDataset dataset, DicomElement pixel, PixelDataInfo info, int frame)
    {
        if (!dataset.TryGetElement(DicomTags.ExtendedOffsetTable, out var offsets)
            || !dataset.TryGetElement(DicomTags.ExtendedOffsetTableLengths, out var lengths))
        {
            return null;
        }

        if (offsets.Value.Length < 8 * info.Frames || lengths.Value.Length < 8 * info.Frames)
        {
            throw new DicomFormatException(offsets.Tag, offsets.Offset, string.Create(CultureInfo.InvariantCulture,
                $"Extended Offset Table has fewer than {info.Frames} entries"));
        }

        var offset = BinaryPrimitives.ReadUInt64LittleEndian(offsets.Value.Span[(frame * 8)..]);
        var length = BinaryPrimitives.ReadUInt64LittleEndian(lengths.Value.Span[(frame * 8)..]);
        foreach (var f in pixel.Fragments!.Fragments)
        {
            if ((ulong)f.Position == offset)
            {
                if (length > (ulong)f.Data.Length)
                {
                    throw new DicomFormatException(lengths.Tag, lengths.Offset, string.Create(CultureInfo.InvariantCulture,
                        $"frame {frame} length {length} exceeds its fragment ({f.Data.Length} bytes)"));
                }

                return f.Data[..(int)length];
            }
        }

        throw new DicomFormatException(offsets.Tag, offsets.Offset, string.Create(CultureInfo.InvariantCulture,
            $"frame {frame} offset {offset} does not point at a fragment"));
    }

    private static bool StartsCodestream(ReadOnlySpan<byte> data) =>
        data.Length >= 2 && data[0] == 0xFF && (data[1] == 0xD8 || data[1] == 0x4F)
        || data.Length >= 8 && data[4] == (byte)'j' && data[5] == (byte)'P';

    private static ReadOnlyMemory<byte> Concatenate(IReadOnlyList<DicomFragment> fragments)
    {
        if (fragments.Count == 1)
        {
            return fragments[0].Data;
        }

        long total = 0;
        foreach (var f in fragments)
        {
            total += f.Data.Length;
        }

        var buffer = new byte[total];
        var pos = 0;
        foreach (var f in fragments)
        {
            f.Data.Span.CopyTo(buffer.AsSpan(pos));
            pos += f.Data.Length;
        }

        return buffer;
    }
}
