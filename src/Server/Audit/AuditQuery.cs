namespace MedicalImaging.Server.Audit;

/// <summary>A page request over the audit trail: after a sequence number, filtered by user and time range.</summary>
public sealed record AuditQuery(int PageSize, long AfterSequence, string? UserId, DateTimeOffset? StartTime, DateTimeOffset? EndTime);
