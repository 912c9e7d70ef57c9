namespace MedicalImaging.Dicom;

/// <summary>
/// One data element. The value bytes are a slice of the source buffer (no copy), in the byte order of the
/// dataset's transfer syntax; sequences hold items, encapsulated pixel data hold fragments.
/// </summary>
public sealed class DicomElement
{
    /// <summary>The length value meaning "undefined" (delimited).</summary>
    public const uint UndefinedLength = 0xFFFFFFFF;

    public DicomElement(DicomTag tag, DicomVR vr, ReadOnlyMemory<byte> value, long offset = -1, uint declaredLength = 0)
    {
        Tag = tag;
        VR = vr;
        Value = value;
        Offset = offset;
        DeclaredLength = declaredLength == 0 ? (uint)value.Length : declaredLength;
    }

    /// <summary>The tag.</summary>
    public DicomTag Tag { get; }

    /// <summary>Explicit VR from the stream, or the dictionary VR for implicit VR data.</summary>
    public DicomVR VR { get; }

    /// <summary>Value bytes (empty for sequences and encapsulated pixel data).</summary>
    public ReadOnlyMemory<byte> Value { get; }

    /// <summary>Byte offset of the element's tag in the source (-1 when built in memory).</summary>
    public long Offset { get; }

    /// <summary>The length field as written (may be <see cref="UndefinedLength"/>).</summary>
    public uint DeclaredLength { get; }

    /// <summary>Sequence items, when this is a sequence.</summary>
    public IReadOnlyList<DicomDataset>? Items { get; init; }

    /// <summary>Fragments, when this is encapsulated pixel data.</summary>
    public DicomFragments? Fragments { get; init; }

    /// <summary>True for a sequence (SQ, or UN/implicit data that parsed as one).</summary>
    public bool IsSequence => Items is not null;
}
