using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using MedicalImaging.Server.Domain;

namespace MedicalImaging.Server.Errors;

/// <summary>
/// The one mapping from domain failures to google.rpc.Status, shared by gRPC (and so REST) and the
/// WebSocket shim: invalid request → INVALID_ARGUMENT with BadRequest, not found → NOT_FOUND, rate
/// limit → RESOURCE_EXHAUSTED with RetryInfo, no provider → UNAVAILABLE with RetryInfo, missing
/// capability → UNIMPLEMENTED, server stopping → UNAVAILABLE with RetryInfo; anything else → null (an unexpected failure).
/// </summary>
public static class ErrorStatus
{
    public static Google.Rpc.Status? From(Exception exception)
    {
        switch (exception)
        {
            case InvalidRequestException invalid:
                var badRequest = new BadRequest();
                badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = invalid.Field, Description = invalid.Message });
                return Build(Code.InvalidArgument, invalid.Message, Any.Pack(badRequest));
            case ResourceNotFoundException notFound:
                return Build(Code.NotFound, notFound.Message);
            case RateLimitExceededException limited:
                return Build(Code.ResourceExhausted, limited.Message, Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(limited.RetryAfter) }));
            case CapacityExceededException { RetryAfter: { } retryAfter } full:
                return Build(Code.ResourceExhausted, full.Message, Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(retryAfter) }));
            case CapacityExceededException full:
                return Build(Code.ResourceExhausted, full.Message);
            case ProvidersUnavailableException unavailable:
                return Build(Code.Unavailable, unavailable.Message, Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(unavailable.RetryAfter) }));
            case ServerStoppingException stopping:
                // ErrorInfo tells clients this UNAVAILABLE is the server going away, not the analysis failing: re-attach.
                return Build(Code.Unavailable, stopping.Message,
                    Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(stopping.RetryAfter) }),
                    Any.Pack(new ErrorInfo { Reason = ServerStoppingException.Reason, Domain = ServerStoppingException.Domain }));
            case AnalysisFailedException failed:
                return Build(Code.Internal, failed.Message);
            case UnimplementedFeatureException unimplemented:
                return Build(Code.Unimplemented, unimplemented.Message);
            default:
                return null;
        }
    }

    /// <summary>What callers see for an unexpected failure (details stay in the log).</summary>
    public static Google.Rpc.Status Internal { get; } = new()
    {
        Code = (int)Code.Internal,
        Message = "The server failed unexpectedly; the error was logged with this call's correlation id.",
    };

    private static Google.Rpc.Status Build(Code code, string message, params Any[] details)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        status.Details.AddRange(details);
        return status;
    }
}
