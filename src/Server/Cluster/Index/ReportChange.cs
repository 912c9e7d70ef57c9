namespace MedicalImaging.Server.Cluster.Index;

/// <summary>
/// One entry of the reports change stream: enough for a replica to update its in-process index without reading
/// the report store (owner, id, vector and the index's filter fields). Deletions carry no vector.
/// </summary>
public sealed record ReportChange(
    ReportChangeKind Kind,
    string OwnerId,
    string ReportId,
    string? Model,
    float[]? Vector,
    string? Modality,
    string? BodyPart);
