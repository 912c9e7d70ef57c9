namespace MedicalImaging.Server.Audit;

/// <summary>A participant object of an audit record: the kind of data (report, analysis, image, audit-log) and its id.</summary>
public sealed record AuditObject(string Type, string Id);
