namespace MedicalImaging.Server.Export;

/// <summary>An exported report: its bytes, media type and a file name to save it under.</summary>
public sealed record ExportedReport(byte[] Content, string ContentType, string FileName);
