namespace MedicalImaging.Server.Audit;

/// <summary>An audit event as stored: its place in the chain and the time it was recorded.</summary>
public sealed record AuditEntry(long Sequence, DateTimeOffset Time, AuditEvent Event);
