using Grpc.Core;

namespace MedicalImaging.Cli;

/// <summary>medimg's exit codes (documented in docs/CLI.md; scripts rely on them).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Usage = 1;
    public const int InvalidInput = 2;
    public const int NotFound = 3;
    public const int Unauthenticated = 4;
    public const int ServerError = 5;
    public const int RateLimited = 6;
    public const int AuditChainBroken = 7;

    public static int From(StatusCode status) => status switch
    {
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.OutOfRange => InvalidInput,
        StatusCode.NotFound => NotFound,
        StatusCode.Unauthenticated or StatusCode.PermissionDenied => Unauthenticated,
        StatusCode.ResourceExhausted => RateLimited,
        _ => ServerError,
    };
}
