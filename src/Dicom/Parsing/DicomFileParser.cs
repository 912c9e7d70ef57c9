using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace MedicalImaging.Dicom;

/// <summary>Finds the preamble, file meta and transfer syntax, inflates deflated datasets, then reads the dataset.</summary>
internal static class DicomFileParser
{
    public static DicomFile Parse(ReadOnlyMemory<byte> data, DicomParseOptions options) =>
        Parse(data, options, headerOnly: false, out _);

    /// <summary>
    /// Parses like <see cref="Parse(ReadOnlyMemory{byte}, DicomParseOptions)"/>; with <paramref name="headerOnly"/>, a
    /// deflated dataset is inflated as a stream that keeps only what comes before Pixel Data (counting the rest
    /// against <see cref="DicomParseOptions.MaxInflatedBytes"/>), so a deflate bomb is measured in constant memory.
    /// </summary>
    /// <param name="data">The file's bytes.</param>
    /// <param name="options">Limits.</param>
    /// <param name="headerOnly">Keep only the elements before Pixel Data of a deflated dataset.</param>
    /// <param name="inflatedBytes">Inflated size of a deflated dataset; 0 for other syntaxes.</param>
    public static DicomFile Parse(ReadOnlyMemory<byte> data, DicomParseOptions options, bool headerOnly, out long inflatedBytes)
    {
        inflatedBytes = 0;
        var span = data.Span;
        var hasPreamble = span.Length >= 132 && span.Slice(128, 4).SequenceEqual("DICM"u8);
        var pos = hasPreamble ? 132 : 0;
        if (!hasPreamble && span.Length >= 4 && span[..4].SequenceEqual("DICM"u8))
        {
            pos = 4; // "DICM" without the preamble
        }

        var meta = new DicomDataset();
        if (span.Length - pos >= 8 && BinaryPrimitives.ReadUInt16LittleEndian(span[pos..]) == 0x0002)
        {
            var reader = new DicomDatasetReader(data, options);
            pos = reader.ReadElements(meta, pos, data.Length, explicitVR: IsExplicitAt(span, pos), big: false,
                untilItemDelimiter: false, depth: 0, stopBefore: t => t.Group != 0x0002, out _);
        }
        else if (hasPreamble)
        {
            throw new DicomFormatException(null, pos, "no File Meta Information (group 0002) after \"DICM\"");
        }

        var tsUid = meta.GetString(DicomTags.TransferSyntaxUid);
        var ts = string.IsNullOrEmpty(tsUid) ? Detect(span, pos) : DicomTransferSyntax.Parse(tsUid);
        if (!hasPreamble && meta.Count == 0 && pos == 0 && !LooksLikeDataset(span))
        {
            throw new DicomFormatException(null, 0, "not DICOM: no \"DICM\" at offset 128 and the bytes do not start like a dataset");
        }

        if (ts.IsDeflated && headerOnly)
        {
            var (prefix, total) = InflateHeader(data[pos..], options, pos);
            inflatedBytes = total;
            var header = new DicomDataset();
            int stoppedAt;
            try
            {
                stoppedAt = new DicomDatasetReader(prefix, options, offsetBias: pos).ReadElements(header, 0, prefix.Length, explicitVR: true,
                    big: false, untilItemDelimiter: false, depth: 0, stopBefore: t => t == DicomTags.PixelData, out _);
            }
            catch (DicomFormatException ex) when (prefix.Length < total)
            {
                throw new DicomFormatException(
                    $"DICOM: the elements before Pixel Data of the deflated dataset exceed {options.MaxHeaderBytes / 1048576.0:0.#} MB ({ex.Message})", ex);
            }

            if (stoppedAt >= prefix.Length)
            {
                throw new DicomFormatException(null, pos, "the deflated dataset has no Pixel Data (7FE0,0010); it is not an image");
            }

            return new DicomFile(meta, header, ts, hasPreamble);
        }

        if (ts.IsDeflated)
        {
            var inflated = Inflate(data[pos..], options, pos);
            inflatedBytes = inflated.Length;
            var inflatedReader = new DicomDatasetReader(inflated, options, offsetBias: pos);
            var ds = inflatedReader.ReadDataset(0, inflated.Length, explicitVR: true, bigEndian: false);
            return new DicomFile(meta, ds, ts, hasPreamble);
        }

        // Some writers encode the data set in implicit VR under an explicit-VR transfer syntax (pydicom's
        // SC_rgb_jpeg.dcm is one): trust the bytes, as pydicom does, when the first element says otherwise.
        var explicitVR = ts.IsExplicitVR;
        if (!ts.IsBigEndian && span.Length - pos >= 8 && IsExplicitAt(span, pos) != explicitVR && LooksLikeDataset(span[pos..]))
        {
            explicitVR = !explicitVR;
        }

        var datasetReader = new DicomDatasetReader(data, options);
        var dataset = datasetReader.ReadDataset(pos, data.Length, explicitVR, ts.IsBigEndian);
        return new DicomFile(meta, dataset, ts, hasPreamble);
    }

    public static bool LooksLikeDicom(ReadOnlySpan<byte> header) =>
        (header.Length >= 132 && header.Slice(128, 4).SequenceEqual("DICM"u8)) || LooksLikeDataset(header);

    /// <summary>A preamble-less object: group 0002 (meta) or 0008 (identifying) first, with a sane element and VR or length.</summary>
    private static bool LooksLikeDataset(ReadOnlySpan<byte> span)
    {
        if (span.Length < 8)
        {
            return false;
        }

        var groupLe = BinaryPrimitives.ReadUInt16LittleEndian(span);
        var groupBe = BinaryPrimitives.ReadUInt16BigEndian(span);
        var group = groupLe is 0x0002 or 0x0008 ? groupLe : groupBe is 0x0008 ? groupBe : (ushort)0;
        if (group == 0)
        {
            return false;
        }

        if (IsExplicitAt(span, 0))
        {
            return true;
        }

        // Implicit VR little endian: a length that fits what follows.
        var length = BinaryPrimitives.ReadUInt32LittleEndian(span[4..]);
        return groupLe == group && length < 0x10000;
    }

    /// <summary>No meta: explicit if VR letters follow the first tag; big endian if the group reads as 0008 big-endian.</summary>
    private static DicomTransferSyntax Detect(ReadOnlySpan<byte> span, int pos)
    {
        if (span.Length - pos < 8)
        {
            return DicomTransferSyntax.ImplicitVRLittleEndian;
        }

        var explicitVR = IsExplicitAt(span, pos);
        var groupLe = BinaryPrimitives.ReadUInt16LittleEndian(span[pos..]);
        var bigEndian = groupLe >= 0x0100 && BinaryPrimitives.ReadUInt16BigEndian(span[pos..]) < 0x0100;
        return (explicitVR, bigEndian) switch
        {
            (true, true) => DicomTransferSyntax.ExplicitVRBigEndian,
            (true, false) => DicomTransferSyntax.ExplicitVRLittleEndian,
            _ => DicomTransferSyntax.ImplicitVRLittleEndian,
        };
    }

    private static bool IsExplicitAt(ReadOnlySpan<byte> span, int pos) =>
        span.Length - pos >= 6 && DicomVRInfo.IsKnown(DicomVRInfo.FromBytes(span[pos + 4], span[pos + 5]));

    /// <summary>
    /// Streams the inflated dataset, keeping at most <see cref="DicomParseOptions.MaxHeaderBytes"/> of it (the
    /// elements before Pixel Data) and counting the rest; fails past <see cref="DicomParseOptions.MaxInflatedBytes"/>.
    /// </summary>
    private static (ReadOnlyMemory<byte> Prefix, long Total) InflateHeader(ReadOnlyMemory<byte> compressed, DicomParseOptions options, int offset)
    {
        using var source = AsStream(compressed);
        using var inflater = new DeflateStream(source, CompressionMode.Decompress);
        var keep = (int)Math.Min(options.MaxHeaderBytes, options.MaxInflatedBytes);
        using var prefix = new MemoryStream();
        var buffer = new byte[81920];
        long total = 0;
        try
        {
            int n;
            while ((n = inflater.Read(buffer)) > 0)
            {
                if (total + n > options.MaxInflatedBytes)
                {
                    throw InflateLimit(options, offset);
                }

                var kept = (int)Math.Clamp(keep - prefix.Length, 0, n);
                prefix.Write(buffer, 0, kept);
                total += n;
            }
        }
        catch (InvalidDataException ex)
        {
            throw new DicomFormatException($"DICOM: at byte offset {offset}: deflated dataset is corrupt ({ex.Message})", ex);
        }

        return (prefix.GetBuffer().AsMemory(0, (int)prefix.Length), total);
    }

    private static DicomFormatException InflateLimit(DicomParseOptions options, int offset) =>
        new(null, offset, $"deflated dataset inflates beyond {options.MaxInflatedBytes / 1048576.0:0.#} MB, the limit for an inflated dataset"
            + (options.MaxInflatedBytesSource is { } source ? $" ({source})" : string.Empty));

    /// <summary>Reads the compressed bytes where they are when they are an array (no copy of a 50 MB upload).</summary>
    private static MemoryStream AsStream(ReadOnlyMemory<byte> data) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(data, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(data.ToArray(), writable: false);

    private static ReadOnlyMemory<byte> Inflate(ReadOnlyMemory<byte> compressed, DicomParseOptions options, int offset)
    {
        using var source = AsStream(compressed);
        using var inflater = new DeflateStream(source, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        try
        {
            int n;
            while ((n = inflater.Read(buffer)) > 0)
            {
                if (output.Length + n > options.MaxInflatedBytes)
                {
                    throw InflateLimit(options, offset);
                }

                output.Write(buffer, 0, n);
            }
        }
        catch (InvalidDataException ex)
        {
            throw new DicomFormatException($"DICOM: at byte offset {offset}: deflated dataset is corrupt ({ex.Message})", ex);
        }

        return output.GetBuffer().AsMemory(0, (int)output.Length);
    }

    /// <summary>Debug text for a tag's value (ASCII).</summary>
    internal static string Ascii(ReadOnlySpan<byte> bytes) => Encoding.ASCII.GetString(bytes);
}
