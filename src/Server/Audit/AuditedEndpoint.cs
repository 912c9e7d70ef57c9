namespace MedicalImaging.Server.Audit;

/// <summary>
/// Endpoint metadata for an HTTP endpoint that is not an RPC but does what one does (the WebSocket shim watches
/// an analysis as WatchAnalysis does): <see cref="AuditMiddleware"/> records its calls as that operation. The
/// endpoint names itself, so the audit knows no route of the API.
/// </summary>
/// <param name="Method">The full gRPC method name it is audited as, e.g. <c>/medimaging.v1.ImagingService/WatchAnalysis</c>.</param>
/// <param name="Transport">The transport written in its audit records, e.g. <c>websocket</c>.</param>
public sealed record AuditedEndpoint(string Method, string Transport);
