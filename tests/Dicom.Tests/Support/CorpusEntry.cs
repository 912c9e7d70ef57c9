namespace MedicalImaging.Dicom.Tests;

/// <summary>One row of the corpus manifest.</summary>
public sealed record CorpusEntry(string Path, string Base, string Variant, string Kind, bool Lossy);
