using System.Globalization;

namespace MedicalImaging.Dicom;

/// <summary>
/// A VOI LUT (PS3.3 C.11.2, first item of the VOI LUT Sequence (0028,3010)): modality values below the first mapped
/// value take the first entry, above the last mapped value the last entry; outputs span 0..2^bits-1.
/// </summary>
public sealed class VoiLut
{
    private readonly ushort[] _entries;

    private VoiLut(int firstMapped, int bits, ushort[] entries, string? explanation)
    {
        FirstMapped = firstMapped;
        Bits = bits;
        _entries = entries;
        Explanation = explanation;
    }

    /// <summary>The modality value mapped to the first entry.</summary>
    public int FirstMapped { get; }

    /// <summary>Bits per entry (8..16) from the LUT Descriptor.</summary>
    public int Bits { get; }

    /// <summary>Number of entries.</summary>
    public int Count => _entries.Length;

    /// <summary>LUT Explanation (0028,3003), when present.</summary>
    public string? Explanation { get; }

    /// <summary>
    /// The first item of <paramref name="ds"/>'s VOI LUT Sequence, or null when there is none.
    /// <paramref name="signedInput"/>: modality values can be negative (a US first-mapped value above 32767 is then
    /// read as two's complement, as writers of signed data put it in an unsigned descriptor).
    /// </summary>
    /// <exception cref="DicomFormatException">A descriptor or data that cannot be a LUT.</exception>
    public static VoiLut? FromDataset(DicomDataset ds, bool signedInput)
    {
        var items = ds.GetSequence(DicomTags.VoiLutSequence);
        if (items.Count == 0)
        {
            return null;
        }

        var item = items[0];
        var descriptor = item.GetElement(DicomTags.LutDescriptor)
            ?? throw new DicomFormatException(DicomTags.LutDescriptor, -1, "VOI LUT Sequence item without LUT Descriptor");
        var data = item.GetElement(DicomTags.LutData)
            ?? throw new DicomFormatException(DicomTags.LutData, -1, "VOI LUT Sequence item without LUT Data");
        var count = item.GetInt32(DicomTags.LutDescriptor, -1, 0);
        var first = item.GetInt32(DicomTags.LutDescriptor, int.MinValue, 1);
        var bits = item.GetInt32(DicomTags.LutDescriptor, -1, 2);
        if (count == 0)
        {
            count = 65536; // PS3.3 C.11.1.1: 0 means 2^16 entries
        }

        if (count < 1 || first == int.MinValue || bits is < 1 or > 16)
        {
            throw new DicomFormatException(DicomTags.LutDescriptor, descriptor.Offset, string.Create(CultureInfo.InvariantCulture,
                $"VOI LUT Descriptor {count}\\{first}\\{bits} is not entries\\first mapped\\bits (8..16)"));
        }

        if (signedInput && first > 32767 && DicomDataset.EffectiveVR(descriptor) != DicomVR.SS)
        {
            first -= 65536;
        }

        var bytes = data.Value.Span;
        // One entry per 16-bit word; some old writers pack 8-bit entries one per byte.
        var entryBytes = bytes.Length >= count * 2 ? 2 : bits <= 8 && bytes.Length >= count ? 1 : 0;
        if (entryBytes == 0)
        {
            throw new DicomFormatException(DicomTags.LutData, data.Offset, string.Create(CultureInfo.InvariantCulture,
                $"VOI LUT Data holds {bytes.Length} bytes for {count} entries"));
        }

        var entries = new ushort[count];
        var max = (1 << bits) - 1;
        for (var i = 0; i < count; i++)
        {
            int v = entryBytes == 1 ? bytes[i]
                : item.IsBigEndian ? (bytes[2 * i] << 8) | bytes[2 * i + 1] : bytes[2 * i] | (bytes[2 * i + 1] << 8);
            entries[i] = (ushort)Math.Min(v, max);
        }

        return new VoiLut(first, bits, entries, item.GetString(DicomTags.LutExplanation));
    }

    /// <summary>The entry for modality value <paramref name="value"/> (rounded to the nearest integer), clamped at both ends.</summary>
    public int Lookup(float value)
    {
        var index = (long)MathF.Floor(value + 0.5f) - FirstMapped;
        return _entries[index < 0 ? 0 : index >= _entries.Length ? _entries.Length - 1 : (int)index];
    }

    /// <summary>The entry scaled to 0..1 (of 2^bits-1).</summary>
    public float Normalized(float value) => Lookup(value) / (float)((1 << Bits) - 1);

    /// <summary>
    /// A linear stand-in for display hints: the modality range over which the LUT climbs from its lowest to its highest
    /// output, as window centre and width.
    /// </summary>
    public (double Center, double Width) EffectiveWindow()
    {
        int lo = 0, hi = _entries.Length - 1;
        while (lo < hi && _entries[lo + 1] == _entries[lo])
        {
            lo++; // flat start
        }

        while (hi > lo && _entries[hi - 1] == _entries[hi])
        {
            hi--; // flat end
        }

        return (FirstMapped + (lo + hi) / 2.0, hi - lo + 1);
    }
}
