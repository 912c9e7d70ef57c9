using Grpc.Core;
using MedicalImaging.Server.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalImaging.Server.DicomWeb;

/// <summary>
/// Audits every DICOMweb call as one event (store, search or retrieve), like the gRPC interceptor does for RPCs: who,
/// the outcome of its HTTP status, and the studies/instances it touched (ids only), which the handler notes with
/// <see cref="Note"/>. Refusals before the endpoint (401/403) are recorded by the audit middleware.
/// </summary>
public sealed class DicomWebAuditFilter : IEndpointFilter
{
    private const string ObjectsKey = "medimaging.dicomweb.audit.objects";
    private readonly AuditedOperation _operation;

    public DicomWebAuditFilter(string operation) =>
        _operation = AuditedOperations.Find(operation) ?? throw new ArgumentException($"{operation} is not in AuditedOperations.", nameof(operation));

    /// <summary>Notes a participant object (study, series or instance UID) of the call.</summary>
    public static void Note(HttpContext context, string type, string? id)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrEmpty(id))
        {
            return;
        }

        if (context.Items[ObjectsKey] is not List<AuditObject> list)
        {
            context.Items[ObjectsKey] = list = [];
        }

        list.Add(new AuditObject(type, id));
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var status = StatusCode.Internal;
        try
        {
            var result = await next(context);
            status = Status(http.Response.StatusCode);
            return result;
        }
        catch (OperationCanceledException)
        {
            status = StatusCode.Cancelled;
            throw;
        }
        finally
        {
            var messages = new AuditCallMessages();
            if (http.Items[ObjectsKey] is List<AuditObject> objects)
            {
                messages.StreamedObjects.AddRange(objects);
            }

            http.RequestServices.GetRequiredService<AuditCallRecorder>().Record(http, _operation, status, messages, "dicomweb");
        }
    }

    /// <summary>The gRPC status an HTTP status stands for, as the audit outcome is kept in those terms.</summary>
    public static StatusCode Status(int http) => http switch
    {
        < 300 => StatusCode.OK,
        400 or 406 or 415 or 422 => StatusCode.InvalidArgument,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.NotFound,
        409 => StatusCode.AlreadyExists,
        413 or 429 => StatusCode.ResourceExhausted,
        _ => StatusCode.Internal,
    };
}
