namespace MedicalImaging.Server.DicomWeb;

/// <summary>
/// One matching key of a search, already turned into a SQL condition over the index columns (parameters named
/// <c>$p0</c>, <c>$p1</c>, … in <see cref="Parameters"/>).
/// </summary>
public sealed record QidoMatch(DicomWebAttribute Attribute, string Condition, IReadOnlyDictionary<string, string> Parameters);
