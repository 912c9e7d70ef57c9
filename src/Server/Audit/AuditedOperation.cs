namespace MedicalImaging.Server.Audit;

/// <summary>
/// What an RPC means for the audit trail: its event id, DICOM audit event code, ATNA action, and how to read the ids of
/// the data it touched from its request and (first or last) response messages.
/// </summary>
/// <param name="Name">The RPC's name.</param>
/// <param name="EventId">Our event id, e.g. report.read.</param>
/// <param name="EventCode">DCM code of PS3.16 CID 400 (110103 instances accessed, 110107 import, 110110 patient record, 110112 query, 110101 audit log used).</param>
/// <param name="Action">C, R, U, D or E.</param>
/// <param name="Objects">The participant objects, given the request and the responses seen (either may be null).</param>
/// <param name="StreamedObject">For a request stream: the object one message names, or null (read from every message).</param>
public sealed record AuditedOperation(
    string Name,
    string EventId,
    string EventCode,
    string Action,
    Func<AuditCallMessages, IEnumerable<AuditObject>> Objects,
    Func<object, AuditObject?>? StreamedObject = null);
