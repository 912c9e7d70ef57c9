namespace MedicalImaging.Server.Audit;

/// <summary>The messages of one call the audit trail reads ids from: the (first) request, the first and the last response.</summary>
public sealed class AuditCallMessages
{
    public object? Request { get; set; }
    public object? FirstResponse { get; set; }
    public object? LastResponse { get; set; }

    /// <summary>Objects named by the messages of a request stream, in order, each once (every report a chat turns to).</summary>
    public List<AuditObject> StreamedObjects { get; } = [];

    /// <summary>Route values of a call that never reached the service (a refused REST call), e.g. report_id.</summary>
    public IReadOnlyDictionary<string, string> RouteValues { get; set; } = new Dictionary<string, string>();
}
