using Grpc.Core;

namespace MedicalImaging.Server.Audit;

/// <summary>
/// The ATNA EventOutcomeIndicator of a call's final status: 0 success; 4 minor failure (the caller may retry or correct
/// the request: invalid, not found, rate limited, cancelled); 8 serious failure (refused: unauthenticated, permission
/// denied, or the service could not serve: unavailable, deadline); 12 major failure (an unexpected server error).
/// </summary>
public static class AuditOutcome
{
    public const int Success = 0;
    public const int MinorFailure = 4;
    public const int SeriousFailure = 8;
    public const int MajorFailure = 12;

    public static int From(StatusCode status) => status switch
    {
        StatusCode.OK => Success,
        StatusCode.InvalidArgument or StatusCode.NotFound or StatusCode.ResourceExhausted or StatusCode.Cancelled
            or StatusCode.FailedPrecondition or StatusCode.AlreadyExists or StatusCode.OutOfRange or StatusCode.Aborted => MinorFailure,
        StatusCode.Unauthenticated or StatusCode.PermissionDenied or StatusCode.Unavailable or StatusCode.DeadlineExceeded => SeriousFailure,
        _ => MajorFailure,
    };

    /// <summary>The status name as gRPC spells it (NOT_FOUND, PERMISSION_DENIED…).</summary>
    public static string Name(StatusCode status) => status switch
    {
        StatusCode.OK => "OK",
        StatusCode.InvalidArgument => "INVALID_ARGUMENT",
        StatusCode.NotFound => "NOT_FOUND",
        StatusCode.ResourceExhausted => "RESOURCE_EXHAUSTED",
        StatusCode.Cancelled => "CANCELLED",
        StatusCode.FailedPrecondition => "FAILED_PRECONDITION",
        StatusCode.AlreadyExists => "ALREADY_EXISTS",
        StatusCode.OutOfRange => "OUT_OF_RANGE",
        StatusCode.Aborted => "ABORTED",
        StatusCode.Unauthenticated => "UNAUTHENTICATED",
        StatusCode.PermissionDenied => "PERMISSION_DENIED",
        StatusCode.Unavailable => "UNAVAILABLE",
        StatusCode.DeadlineExceeded => "DEADLINE_EXCEEDED",
        StatusCode.Unimplemented => "UNIMPLEMENTED",
        StatusCode.DataLoss => "DATA_LOSS",
        StatusCode.Unknown => "UNKNOWN",
        _ => "INTERNAL",
    };
}
