namespace MedicalImaging.Server.Export.Sr;

/// <summary>A coded concept (Code Value, Coding Scheme Designator, Code Meaning) as SR content items use them.</summary>
public sealed record SrCode(string Value, string Scheme, string Meaning);
