namespace MedicalImaging.Dicom;

/// <summary>Encapsulated pixel data: the Basic Offset Table item and the fragment items that follow it.</summary>
/// <param name="BasicOffsetTable">The first item's value (may be empty).</param>
/// <param name="Fragments">The fragments in stream order.</param>
public sealed record DicomFragments(ReadOnlyMemory<byte> BasicOffsetTable, IReadOnlyList<DicomFragment> Fragments);
