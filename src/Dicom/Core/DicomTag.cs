using System.Globalization;

namespace MedicalImaging.Dicom;

/// <summary>A DICOM attribute tag (group, element).</summary>
/// <param name="Group">Group number.</param>
/// <param name="Element">Element number.</param>
public readonly record struct DicomTag(ushort Group, ushort Element) : IComparable<DicomTag>
{
    /// <summary>Group and element packed as group &lt;&lt; 16 | element (the sort key).</summary>
    public uint Value => ((uint)Group << 16) | Element;

    /// <summary>Odd groups (other than 0001/0003/0005/0007/FFFF) are private.</summary>
    public bool IsPrivate => (Group & 1) == 1 && Group > 0x0008 && Group != 0xFFFF;

    /// <summary>Item, item delimitation and sequence delimitation tags (group FFFE).</summary>
    public bool IsDelimiter => Group == 0xFFFE;

    /// <summary>Builds a tag from its packed value.</summary>
    public static DicomTag FromValue(uint value) => new((ushort)(value >> 16), (ushort)value);

    /// <inheritdoc />
    public int CompareTo(DicomTag other) => Value.CompareTo(other.Value);

    /// <summary>Formats as (GGGG,EEEE).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"({Group:X4},{Element:X4})");

    public static bool operator <(DicomTag left, DicomTag right) => left.Value < right.Value;

    public static bool operator >(DicomTag left, DicomTag right) => left.Value > right.Value;

    public static bool operator <=(DicomTag left, DicomTag right) => left.Value <= right.Value;

    public static bool operator >=(DicomTag left, DicomTag right) => left.Value >= right.Value;
}
