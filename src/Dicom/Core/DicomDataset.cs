using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace MedicalImaging.Dicom;

/// <summary>
/// An ordered set of data elements (a file's dataset or a sequence item) with typed accessors.
/// Text is decoded with the Specific Character Set in force (inherited by sequence items).
/// </summary>
public sealed class DicomDataset
{
    private readonly List<DicomElement> _elements = [];
    private bool _sorted = true;
    private DicomCharacterSet? _characterSet;

    public DicomDataset(bool isBigEndian = false, DicomDataset? parent = null)
    {
        IsBigEndian = isBigEndian;
        Parent = parent;
    }

    /// <summary>Binary values are big-endian (explicit VR big endian).</summary>
    public bool IsBigEndian { get; }

    /// <summary>The dataset holding the sequence this item belongs to.</summary>
    public DicomDataset? Parent { get; }

    /// <summary>Elements in tag order.</summary>
    public IReadOnlyList<DicomElement> Elements
    {
        get
        {
            EnsureSorted();
            return _elements;
        }
    }

    /// <summary>Number of elements.</summary>
    public int Count => _elements.Count;

    /// <summary>The character set for this dataset's text (its own (0008,0005), else the parent's, else ASCII/Latin-1).</summary>
    public DicomCharacterSet CharacterSet => _characterSet ??= TryGetElement(DicomTags.SpecificCharacterSet, out var e)
        ? DicomCharacterSet.FromTerms(Encoding.ASCII.GetString(e.Value.Span))
        : Parent?.CharacterSet ?? DicomCharacterSet.Default;

    /// <summary>Appends an element as read from a stream.</summary>
    internal void AddParsed(DicomElement element)
    {
        if (_elements.Count > 0 && _elements[^1].Tag >= element.Tag)
        {
            _sorted = false;
        }

        _elements.Add(element);
    }

    /// <summary>Adds or replaces an element.</summary>
    public void Set(DicomElement element)
    {
        var index = IndexOf(element.Tag);
        if (index >= 0)
        {
            _elements[index] = element;
        }
        else
        {
            _elements.Add(element);
            _sorted = false;
        }

        if (element.Tag == DicomTags.SpecificCharacterSet)
        {
            _characterSet = null;
        }
    }

    /// <summary>Adds or replaces a text element (ASCII/UTF-8 per the dataset's character set), padded to even length.</summary>
    public void SetString(DicomTag tag, DicomVR vr, string value)
    {
        var bytes = CharacterSet.Encode(value);
        if ((bytes.Length & 1) == 1)
        {
            Array.Resize(ref bytes, bytes.Length + 1);
            bytes[^1] = vr == DicomVR.UI ? (byte)0 : (byte)' ';
        }

        Set(new DicomElement(tag, vr, bytes));
    }

    /// <summary>Removes an element; true when it was present.</summary>
    public bool Remove(DicomTag tag)
    {
        var index = IndexOf(tag);
        if (index < 0)
        {
            return false;
        }

        _elements.RemoveAt(index);
        return true;
    }

    /// <summary>Removes every element matching the predicate.</summary>
    public int RemoveAll(Predicate<DicomElement> match) => _elements.RemoveAll(match);

    /// <summary>True when the tag is present.</summary>
    public bool Contains(DicomTag tag) => IndexOf(tag) >= 0;

    /// <summary>Finds an element.</summary>
    public bool TryGetElement(DicomTag tag, out DicomElement element)
    {
        var index = IndexOf(tag);
        element = index >= 0 ? _elements[index] : null!;
        return index >= 0;
    }

    /// <summary>The element, or null.</summary>
    public DicomElement? GetElement(DicomTag tag) => TryGetElement(tag, out var e) ? e : null;

    /// <summary>Whole text value decoded with the character set, trailing padding removed; null when absent.</summary>
    public string? GetString(DicomTag tag)
    {
        if (!TryGetElement(tag, out var e) || e.IsSequence)
        {
            return null;
        }

        var vr = EffectiveVR(e);
        var text = DicomVRInfo.IsCharacterSetText(vr)
            ? CharacterSet.Decode(e.Value.Span, vr == DicomVR.PN)
            : Encoding.Latin1.GetString(e.Value.Span);
        text = text.TrimEnd(' ', '\0');
        return vr == DicomVR.PN ? text.TrimEnd('=') : text; // empty trailing component groups, as pydicom prints them
    }

    /// <summary>Backslash-separated values, each trimmed; empty when absent.</summary>
    public string[] GetStrings(DicomTag tag)
    {
        var text = GetString(tag);
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var parts = text.Split('\\');
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = parts[i].Trim(' ', '\0');
        }

        return parts;
    }

    /// <summary>The first value of a text element, trimmed; null when absent or empty.</summary>
    public string? GetFirstString(DicomTag tag)
    {
        var values = GetStrings(tag);
        return values.Length > 0 && values[0].Length > 0 ? values[0] : null;
    }

    /// <summary>Numeric value <paramref name="index"/> of a binary (US/SS/UL/SL/FL/FD) or text (IS/DS) element.</summary>
    public bool TryGetDouble(DicomTag tag, out double value, int index = 0)
    {
        value = 0;
        if (!TryGetElement(tag, out var e) || e.IsSequence)
        {
            return false;
        }

        var vr = EffectiveVR(e);
        var span = e.Value.Span;
        var size = vr switch
        {
            DicomVR.US or DicomVR.SS => 2,
            DicomVR.UL or DicomVR.SL or DicomVR.FL => 4,
            DicomVR.FD or DicomVR.SV or DicomVR.UV => 8,
            _ => 0,
        };
        if (size == 0)
        {
            var values = GetStrings(tag);
            return index < values.Length
                && double.TryParse(values[index], NumberStyles.Float, CultureInfo.InvariantCulture, out value)
                && double.IsFinite(value);
        }

        if ((index + 1) * size > span.Length)
        {
            return false;
        }

        var s = span.Slice(index * size, size);
        var big = IsBigEndian;
        value = vr switch
        {
            DicomVR.US => big ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s),
            DicomVR.SS => big ? BinaryPrimitives.ReadInt16BigEndian(s) : BinaryPrimitives.ReadInt16LittleEndian(s),
            DicomVR.UL => big ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s),
            DicomVR.SL => big ? BinaryPrimitives.ReadInt32BigEndian(s) : BinaryPrimitives.ReadInt32LittleEndian(s),
            DicomVR.FL => big ? BinaryPrimitives.ReadSingleBigEndian(s) : BinaryPrimitives.ReadSingleLittleEndian(s),
            DicomVR.FD => big ? BinaryPrimitives.ReadDoubleBigEndian(s) : BinaryPrimitives.ReadDoubleLittleEndian(s),
            DicomVR.SV => big ? BinaryPrimitives.ReadInt64BigEndian(s) : BinaryPrimitives.ReadInt64LittleEndian(s),
            _ => big ? BinaryPrimitives.ReadUInt64BigEndian(s) : BinaryPrimitives.ReadUInt64LittleEndian(s),
        };
        return double.IsFinite(value);
    }

    /// <summary>Numeric value or null.</summary>
    public double? GetDouble(DicomTag tag, int index = 0) => TryGetDouble(tag, out var v, index) ? v : null;

    /// <summary>Integer value (binary or IS) or the default when absent or not an integer in range.</summary>
    public int GetInt32(DicomTag tag, int defaultValue, int index = 0) =>
        TryGetDouble(tag, out var v, index) && v is >= int.MinValue and <= int.MaxValue && v == Math.Floor(v)
            ? (int)v
            : defaultValue;

    /// <summary>All numeric values of a multi-valued element.</summary>
    public double[] GetDoubles(DicomTag tag)
    {
        var list = new List<double>();
        for (var i = 0; i < 64 && TryGetDouble(tag, out var v, i); i++)
        {
            list.Add(v);
        }

        return [.. list];
    }

    /// <summary>Items of a sequence, empty when absent.</summary>
    public IReadOnlyList<DicomDataset> GetSequence(DicomTag tag) =>
        TryGetElement(tag, out var e) && e.Items is { } items ? items : [];

    /// <summary>The VR to interpret a value by: the stream's, or the dictionary's for UN.</summary>
    internal static DicomVR EffectiveVR(DicomElement e) =>
        e.VR is DicomVR.UN or DicomVR.None ? DicomDictionary.LookupVR(e.Tag) : e.VR;

    private int IndexOf(DicomTag tag)
    {
        if (_sorted)
        {
            int lo = 0, hi = _elements.Count - 1;
            var key = tag.Value;
            while (lo <= hi)
            {
                var mid = (lo + hi) >>> 1;
                var v = _elements[mid].Tag.Value;
                if (v == key)
                {
                    return mid;
                }

                if (v < key)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            return -1;
        }

        for (var i = 0; i < _elements.Count; i++)
        {
            if (_elements[i].Tag == tag)
            {
                return i;
            }
        }

        return -1;
    }

    private void EnsureSorted()
    {
        if (!_sorted)
        {
            // Stable: duplicate tags (malformed input) keep stream order.
            var ordered = _elements.OrderBy(e => e.Tag.Value).ToList();
            _elements.Clear();
            _elements.AddRange(ordered);
            _sorted = true;
        }
    }
}
