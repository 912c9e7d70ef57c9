using Grpc.Core;

namespace MedicalImaging.Cli;

/// <summary>medimg's exit codes, for every command (documented in docs/CLI.md; scripts rely on them: never renumber).</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The command line is wrong: a bad or missing argument, a frame number the file does not have, a short key.</summary>
    public const int Usage = 1;

    /// <summary>The input is wrong: a file missing, unreadable, not DICOM or malformed, or the server said INVALID_ARGUMENT.</summary>
    public const int InvalidInput = 2;

    /// <summary>The server has no such report (or it is another user's).</summary>
    public const int NotFound = 3;

    /// <summary>Missing, bad or expired token, or permission denied.</summary>
    public const int Unauthenticated = 4;

    /// <summary>The server is unreachable, failed, or (for health) is not serving.</summary>
    public const int ServerError = 5;

    /// <summary>The server's rate limit (RESOURCE_EXHAUSTED).</summary>
    public const int RateLimited = 6;

    /// <summary><c>audit verify</c> found a broken hash chain.</summary>
    public const int AuditChainBroken = 7;

    /// <summary>The exit code for a gRPC status the server answered.</summary>
    public static int From(StatusCode status) => status switch
    {
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.OutOfRange => InvalidInput,
        StatusCode.NotFound => NotFound,
        StatusCode.Unauthenticated or StatusCode.PermissionDenied => Unauthenticated,
        StatusCode.ResourceExhausted => RateLimited,
        _ => ServerError,
    };
}
