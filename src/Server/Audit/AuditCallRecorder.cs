using System.Diagnostics;
using System.Security.Claims;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace MedicalImaging.Server.Audit;

/// <summary>
/// Turns one finished call into an audit event: who (token subject, role claims, network address), what (the operation's
/// participant objects), the outcome of its final status, and the call's correlation and trace ids. Marks the call as
/// recorded so the middleware behind it does not record it twice.
/// </summary>
public sealed class AuditCallRecorder
{
    private const string RecordedKey = "medimaging.audit.recorded";
    private readonly AuditLog _log;

    public AuditCallRecorder(AuditLog log) => _log = log;

    /// <summary>Whether the call was already recorded.</summary>
    public static bool IsRecorded(HttpContext context) => context.Items.ContainsKey(RecordedKey);

    /// <summary>Records <paramref name="operation"/> ended with <paramref name="status"/>.</summary>
    public void Record(HttpContext context, AuditedOperation operation, StatusCode status, AuditCallMessages messages, string transport)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(operation);
        context.Items[RecordedKey] = true;
        var user = context.User;
        var authenticated = user.Identity?.IsAuthenticated == true;
        _log.Record(new AuditEvent
        {
            EventId = operation.EventId,
            EventCode = operation.EventCode,
            Action = operation.Action,
            Outcome = AuditOutcome.From(status),
            Status = AuditOutcome.Name(status),
            Operation = operation.Name,
            Transport = transport,
            UserId = authenticated ? user.FindFirst("sub")?.Value : null,
            Roles = authenticated ? Roles(user) : [],
            ClientAddress = context.Connection.RemoteIpAddress?.ToString(),
            Objects = operation.Objects(messages).Distinct().ToList(),
            CorrelationId = context.TraceIdentifier,
            TraceId = Activity.Current?.TraceId.ToHexString(),
        });
    }

    /// <summary>The caller's role claims.</summary>
    public static IReadOnlyList<string> Roles(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Security.CallerIdentity.Roles(user);
    }

    /// <summary>How the call came: grpc, grpc-web, rest (JSON transcoding) or websocket.</summary>
    public static string Transport(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.WebSockets.IsWebSocketRequest)
        {
            return "websocket";
        }

        var contentType = context.Request.ContentType ?? string.Empty;
        return contentType.StartsWith("application/grpc-web", StringComparison.OrdinalIgnoreCase) ? "grpc-web"
            : contentType.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) ? "grpc"
            : "rest";
    }
}
