using System.Buffers.Binary;

namespace MedicalImaging.Dicom;

/// <summary>
/// Reads data elements from a buffer without copying values. Every length is checked against the bytes
/// that remain; sequences recurse up to <see cref="DicomParseOptions.MaxSequenceDepth"/>.
/// </summary>
internal sealed class DicomDatasetReader
{
    private readonly ReadOnlyMemory<byte> _memory;
    private readonly DicomParseOptions _options;
    private readonly long _offsetBias;

    /// <param name="memory">The whole buffer (offsets are positions in it).</param>
    /// <param name="options">Limits.</param>
    /// <param name="offsetBias">Added to positions in error messages (0, or the meta length for inflated data).</param>
    public DicomDatasetReader(ReadOnlyMemory<byte> memory, DicomParseOptions options, long offsetBias = 0)
    {
        _memory = memory;
        _options = options;
        _offsetBias = offsetBias;
    }

    /// <summary>Reads elements from <paramref name="start"/> to <paramref name="end"/>.</summary>
    public DicomDataset ReadDataset(int start, int end, bool explicitVR, bool bigEndian, Func<DicomTag, bool>? stopBefore = null)
    {
        var dataset = new DicomDataset(bigEndian);
        ReadElements(dataset, start, end, explicitVR, bigEndian, untilItemDelimiter: false, depth: 0, stopBefore, out _);
        return dataset;
    }

    /// <summary>Reads elements into <paramref name="dataset"/>; returns the position after the last one read.</summary>
    public int ReadElements(DicomDataset dataset, int pos, int end, bool explicitVR, bool big, bool untilItemDelimiter,
        int depth, Func<DicomTag, bool>? stopBefore, out bool delimited)
    {
        var span = _memory.Span;
        delimited = false;
        while (pos < end)
        {
            if (end - pos < 8)
            {
                throw Error(null, pos, $"truncated element header ({end - pos} bytes left, 8 needed)");
            }

            var tag = ReadTag(span, pos, big);
            if (tag.Group == 0xFFFE)
            {
                if (tag == DicomTags.ItemDelimitation && untilItemDelimiter)
                {
                    delimited = true;
                    return pos + 8;
                }

                if (tag == DicomTags.ItemDelimitation || tag == DicomTags.SequenceDelimitation)
                {
                    // A stray delimiter outside its sequence: skip it, as dcmtk and pydicom do.
                    pos += 8;
                    continue;
                }

                throw Error(tag, pos, "item tag outside a sequence");
            }

            if (stopBefore is not null && stopBefore(tag))
            {
                return pos;
            }

            pos = ReadElement(dataset, span, pos, end, tag, explicitVR, big, depth);
        }

        if (untilItemDelimiter && pos > end)
        {
            throw Error(null, end, "item runs past the end of its container");
        }

        return pos;
    }

    private int ReadElement(DicomDataset dataset, ReadOnlySpan<byte> span, int pos, int end, DicomTag tag,
        bool explicitVR, bool big, int depth)
    {
        DicomVR vr;
        uint length;
        int header;
        if (explicitVR)
        {
            var c1 = span[pos + 4];
            var c2 = span[pos + 5];
            vr = DicomVRInfo.FromBytes(c1, c2);
            if (!DicomVRInfo.IsKnown(vr))
            {
                throw Error(tag, pos, $"invalid VR 0x{c1:X2}{c2:X2}");
            }

            if (DicomVRInfo.HasLongLength(vr))
            {
                if (end - pos < 12)
                {
                    throw Error(tag, pos, $"truncated element header ({end - pos} bytes left, 12 needed)");
                }

                length = ReadUInt32(span, pos + 8, big);
                header = 12;
            }
            else
            {
                length = ReadUInt16(span, pos + 6, big);
                header = 8;
            }
        }
        else
        {
            vr = DicomDictionary.LookupVR(tag);
            length = ReadUInt32(span, pos + 4, big);
            header = 8;
        }

        var valueStart = pos + header;
        if (length == DicomElement.UndefinedLength)
        {
            if (tag == DicomTags.PixelData && depth == 0)
            {
                return ReadEncapsulated(dataset, span, pos, valueStart, end, tag, vr);
            }

            if (vr == DicomVR.SQ || vr == DicomVR.UN || !explicitVR)
            {
                // Undefined-length UN holds a sequence encoded implicit VR little endian (PS3.5 6.2.2).
                var seqExplicit = vr != DicomVR.UN && explicitVR;
                var seqBig = vr != DicomVR.UN && big;
                var items = ReadSequence(span, valueStart, end, undefined: true, seqExplicit, seqBig, dataset, tag, depth, out var after);
                dataset.AddParsed(new DicomElement(tag, DicomVR.SQ, ReadOnlyMemory<byte>.Empty, pos + _offsetBias, length) { Items = items });
                return after;
            }

            throw Error(tag, pos, $"undefined length on VR {DicomVRInfo.Name(vr)}");
        }

        if (length > (uint)(end - valueStart))
        {
            throw Error(tag, pos, $"value length {length} exceeds the {Math.Max(0, end - valueStart)} bytes remaining");
        }

        var valueEnd = valueStart + (int)length;
        if (vr == DicomVR.SQ)
        {
            var items = ReadSequence(span, valueStart, valueEnd, undefined: false, explicitVR, big, dataset, tag, depth, out _);
            dataset.AddParsed(new DicomElement(tag, vr, ReadOnlyMemory<byte>.Empty, pos + _offsetBias, length) { Items = items });
            return valueEnd;
        }

        if (vr == DicomVR.UN && length >= 8 && !tag.IsDelimiter && LooksLikeItem(span, valueStart, big))
        {
            // Implicit private sequences and UN-encoded sequences: parse when they parse, else keep the bytes.
            try
            {
                var items = ReadSequence(span, valueStart, valueEnd, undefined: false, explicitVR: false, big, dataset, tag, depth, out _);
                dataset.AddParsed(new DicomElement(tag, DicomVR.SQ, ReadOnlyMemory<byte>.Empty, pos + _offsetBias, length) { Items = items });
                return valueEnd;
            }
            catch (DicomFormatException)
            {
            }
        }

        dataset.AddParsed(new DicomElement(tag, vr, _memory.Slice(valueStart, (int)length), pos + _offsetBias, length));
        return valueEnd;
    }

    private List<DicomDataset> ReadSequence(ReadOnlySpan<byte> span, int pos, int end, bool undefined, bool explicitVR,
        bool big, DicomDataset parent, DicomTag sequenceTag, int depth, out int after)
    {
        if (depth + 1 > _options.MaxSequenceDepth)
        {
            throw Error(sequenceTag, pos, $"sequences nested deeper than {_options.MaxSequenceDepth}");
        }

        var items = new List<DicomDataset>();
        while (true)
        {
            if (!undefined && pos >= end)
            {
                after = pos;
                return items;
            }

            if (end - pos < 8)
            {
                throw Error(sequenceTag, pos, undefined
                    ? "sequence has no Sequence Delimitation Item before the end of the data"
                    : "truncated item header in sequence");
            }

            var tag = ReadTag(span, pos, big);
            var length = ReadUInt32(span, pos + 4, big);
            if (tag == DicomTags.SequenceDelimitation)
            {
                after = pos + 8;
                return items;
            }

            if (tag != DicomTags.Item)
            {
                throw Error(sequenceTag, pos, $"expected an item tag (FFFE,E000) in the sequence, found {tag}");
            }

            var item = new DicomDataset(big, parent);
            var itemStart = pos + 8;
            if (length == DicomElement.UndefinedLength)
            {
                pos = ReadElements(item, itemStart, end, explicitVR, big, untilItemDelimiter: true, depth + 1, null, out var delimited);
                if (!delimited)
                {
                    throw Error(sequenceTag, pos, "item has no Item Delimitation before the end of the data");
                }
            }
            else
            {
                if (length > (uint)(end - itemStart))
                {
                    throw Error(sequenceTag, pos, $"item length {length} exceeds the {end - itemStart} bytes remaining");
                }

                var itemEnd = itemStart + (int)length;
                ReadElements(item, itemStart, itemEnd, explicitVR, big, untilItemDelimiter: false, depth + 1, null, out _);
                pos = itemEnd;
            }

            items.Add(item);
        }
    }

    private int ReadEncapsulated(DicomDataset dataset, ReadOnlySpan<byte> span, int elementPos, int pos, int end, DicomTag tag, DicomVR vr)
    {
        ReadOnlyMemory<byte>? table = null;
        var fragments = new List<DicomFragment>();
        long firstFragment = -1;
        while (true)
        {
            if (end - pos < 8)
            {
                throw Error(tag, pos, "encapsulated pixel data has no Sequence Delimitation Item before the end of the data");
            }

            var itemTag = ReadTag(span, pos, big: false);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(span[(pos + 4)..]);
            if (itemTag == DicomTags.SequenceDelimitation)
            {
                pos += 8;
                break;
            }

            if (itemTag != DicomTags.Item)
            {
                throw Error(tag, pos, $"expected a fragment item (FFFE,E000), found {itemTag}");
            }

            if (length > (uint)(end - pos - 8))
            {
                throw Error(tag, pos, $"fragment length {length} exceeds the {end - pos - 8} bytes remaining");
            }

            var data = _memory.Slice(pos + 8, (int)length);
            if (table is null)
            {
                table = data;
            }
            else
            {
                if (firstFragment < 0)
                {
                    firstFragment = pos;
                }

                fragments.Add(new DicomFragment(data, pos + _offsetBias, pos - firstFragment));
            }

            pos += 8 + (int)length;
        }

        var encapsulated = new DicomFragments(table ?? ReadOnlyMemory<byte>.Empty, fragments);
        dataset.AddParsed(new DicomElement(tag, vr == DicomVR.None ? DicomVR.OB : vr, ReadOnlyMemory<byte>.Empty, elementPos + _offsetBias, DicomElement.UndefinedLength)
        {
            Fragments = encapsulated,
        });
        return pos;
    }

    private static bool LooksLikeItem(ReadOnlySpan<byte> span, int pos, bool big)
    {
        var tag = ReadTag(span, pos, big);
        return tag == DicomTags.Item || tag == DicomTags.SequenceDelimitation;
    }

    private DicomFormatException Error(DicomTag? tag, long pos, string what) => new(tag, pos + _offsetBias, what);

    private static DicomTag ReadTag(ReadOnlySpan<byte> span, int pos, bool big) =>
        new(ReadUInt16(span, pos, big), ReadUInt16(span, pos + 2, big));

    private static ushort ReadUInt16(ReadOnlySpan<byte> span, int pos, bool big) => big
        ? BinaryPrimitives.ReadUInt16BigEndian(span[pos..])
        : BinaryPrimitives.ReadUInt16LittleEndian(span[pos..]);

    private static uint ReadUInt32(ReadOnlySpan<byte> span, int pos, bool big) => big
        ? BinaryPrimitives.ReadUInt32BigEndian(span[pos..])
        : BinaryPrimitives.ReadUInt32LittleEndian(span[pos..]);
}
