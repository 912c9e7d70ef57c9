namespace MedicalImaging.Server.Audit;

/// <summary>
/// One access to patient-derived data, with the fields of an IHE ATNA / DICOM PS3.15 A.5 audit message: event (id, DCM
/// code, action C/R/U/D/E, outcome 0/4/8/12), active participant (user, roles, network address), participant objects
/// (ids only: never clinical text or file names, which are themselves patient-derived), correlation and trace ids.
/// </summary>
public sealed record AuditEvent
{
    public required string EventId { get; init; }
    public required string EventCode { get; init; }
    public required string Action { get; init; }
    public required int Outcome { get; init; }
    public required string Status { get; init; }
    public required string Operation { get; init; }
    public required string Transport { get; init; }
    public string? UserId { get; init; }
    public IReadOnlyList<string> Roles { get; init; } = [];
    public string? ClientAddress { get; init; }
    public IReadOnlyList<AuditObject> Objects { get; init; } = [];
    public string? CorrelationId { get; init; }
    public string? TraceId { get; init; }
}
