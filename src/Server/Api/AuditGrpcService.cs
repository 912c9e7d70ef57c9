using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MedicalImaging.Server.Audit;
using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Security;
using Microsoft.AspNetCore.Authorization;
using V1 = MedicalImaging.Contracts.V1;

namespace MedicalImaging.Server.Api;

/// <summary>Reads the audit trail for callers holding the AUDIT_ADMIN_ROLE role claim; others get PERMISSION_DENIED.</summary>
[Authorize(Policy = MedicalImagingAuthentication.Policy)]
public sealed class AuditGrpcService : V1.AuditService.AuditServiceBase
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;
    private readonly AuditLogReader _reader;
    private readonly AuditAdmin _admin;

    public AuditGrpcService(AuditLogReader reader, AuditAdmin admin)
    {
        _reader = reader;
        _admin = admin;
    }

    public override async Task<V1.ListAuditEventsResponse> ListAuditEvents(V1.ListAuditEventsRequest request, ServerCallContext context)
    {
        if (!_admin.IsAdmin(context.GetHttpContext().User))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"Reading the audit trail needs the role claim '{_admin.Role}' (AUDIT_ADMIN_ROLE)."));
        }

        if (request.PageSize < 0)
        {
            throw new InvalidRequestException("page_size", "page_size must not be negative.");
        }

        var after = 0L;
        if (!string.IsNullOrEmpty(request.PageToken) && (!long.TryParse(request.PageToken, NumberStyles.None, CultureInfo.InvariantCulture, out after) || after <= 0))
        {
            throw new InvalidRequestException("page_token", "page_token is not a next_page_token this service returned.");
        }

        var query = new AuditQuery(
            request.PageSize == 0 ? DefaultPageSize : Math.Min(request.PageSize, MaxPageSize),
            after,
            request.UserId,
            request.StartTime?.ToDateTimeOffset(),
            request.EndTime?.ToDateTimeOffset());
        var (entries, next) = await _reader.ReadAsync(query, context.CancellationToken);
        var response = new V1.ListAuditEventsResponse { NextPageToken = next?.ToString(CultureInfo.InvariantCulture) ?? string.Empty };
        response.Events.AddRange(entries.Select(ToContract));
        return response;
    }

    private static V1.AuditEvent ToContract(AuditEntry entry)
    {
        var e = entry.Event;
        var contract = new V1.AuditEvent
        {
            Sequence = entry.Sequence,
            Time = Timestamp.FromDateTimeOffset(entry.Time),
            EventId = e.EventId,
            EventCode = e.EventCode,
            Action = e.Action,
            Outcome = e.Outcome,
            Status = e.Status,
            Operation = e.Operation,
            Transport = e.Transport,
            UserId = e.UserId ?? string.Empty,
            ClientAddress = e.ClientAddress ?? string.Empty,
            CorrelationId = e.CorrelationId ?? string.Empty,
            TraceId = e.TraceId ?? string.Empty,
        };
        contract.Roles.AddRange(e.Roles);
        contract.Objects.AddRange(e.Objects.Select(o => new V1.AuditObject { Type = o.Type, Id = o.Id }));
        return contract;
    }
}
