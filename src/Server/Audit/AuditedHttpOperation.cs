namespace MedicalImaging.Server.Audit;

/// <summary>
/// Endpoint metadata of an HTTP endpoint that audits its own calls (DICOMweb's endpoint filter) as
/// <paramref name="Operation"/>, a key of <see cref="AuditedOperations"/>. A call refused before it reaches the
/// endpoint (401/403) never runs that filter: <see cref="AuditMiddleware"/> reads this to record the refusal.
/// </summary>
/// <param name="Operation">The audited operation, e.g. <c>dicomweb.store</c>.</param>
/// <param name="Transport">The transport written in its audit records, e.g. <c>dicomweb</c>.</param>
public sealed record AuditedHttpOperation(string Operation, string Transport);
