using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MedicalImaging.Server.Audit;

/// <summary>
/// Records what the gRPC interceptor cannot see: calls to audited RPCs refused before they reach the service (no or a bad
/// token: 401; a policy refusal: 403), over gRPC and REST alike, and the WebSocket shim (an HTTP endpoint, not an RPC),
/// whose outcome its handler notes with <see cref="MarkStatus"/>.
/// </summary>
public sealed class AuditMiddleware
{
    private const string StatusKey = "medimaging.audit.status";
    private readonly RequestDelegate _next;
    private readonly AuditCallRecorder _recorder;

    public AuditMiddleware(RequestDelegate next, AuditCallRecorder recorder)
    {
        _next = next;
        _recorder = recorder;
    }

    /// <summary>Notes the gRPC status a non-gRPC endpoint (the WebSocket shim) ended with, for its audit record.</summary>
    public static void MarkStatus(HttpContext context, int grpcStatusCode)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[StatusKey] = (StatusCode)grpcStatusCode;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await _next(context);
        }
        finally
        {
            if (!AuditCallRecorder.IsRecorded(context))
            {
                RecordUnseen(context);
            }
        }
    }

    private void RecordUnseen(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        var refused = context.Response.StatusCode switch
        {
            StatusCodes.Status401Unauthorized => StatusCode.Unauthenticated,
            StatusCodes.Status403Forbidden => StatusCode.PermissionDenied,
            _ => (StatusCode?)null,
        };
        var routeValues = context.Request.RouteValues.Where(v => v.Value is string).ToDictionary(v => v.Key, v => (string)v.Value!, StringComparer.Ordinal);

        if (endpoint?.Metadata.GetMetadata<AuditedEndpoint>() is { } audited && AuditedOperations.Find(audited.Method) is { } watched)
        {
            var status = refused ?? (context.Items.TryGetValue(StatusKey, out var marked) && marked is StatusCode s ? s : StatusCode.OK);
            _recorder.Record(context, watched, status, new AuditCallMessages { RouteValues = routeValues }, audited.Transport);
            return;
        }

        if (refused is { } refusedWeb && endpoint?.Metadata.GetMetadata<AuditedHttpOperation>() is { } web
            && AuditedOperations.Find(web.Operation) is { } webOperation)
        {
            _recorder.Record(context, webOperation, refusedWeb, new AuditCallMessages { RouteValues = routeValues }, web.Transport);
            return;
        }

        if (refused is { } denied && endpoint?.Metadata.GetMetadata<GrpcMethodMetadata>() is { } grpc
            && AuditedOperations.Find(grpc.Method.FullName) is { } operation)
        {
            _recorder.Record(context, operation, denied, new AuditCallMessages { RouteValues = routeValues }, AuditCallRecorder.Transport(context));
        }
    }
}
