namespace MedicalImaging.Dicom;

/// <summary>One fragment of encapsulated pixel data.</summary>
/// <param name="Data">Fragment bytes.</param>
/// <param name="Offset">Byte offset of the fragment's item tag in the source.</param>
/// <param name="Position">Offset of the item tag relative to the first fragment's item tag (what offset tables count).</param>
public sealed record DicomFragment(ReadOnlyMemory<byte> Data, long Offset, long Position);
