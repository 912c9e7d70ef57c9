using Grpc.Core;

namespace MedicalImaging.Client;

/// <summary>The service refused or failed a call; <see cref="StatusCode"/> says how.</summary>
public sealed class ImagingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ImagingException(StatusCode statusCode, string message, IReadOnlyList<FieldViolation> violations, TimeSpan? retryAfter, Exception? inner = null)
        : base(message, inner)
    {
        StatusCode = statusCode;
        Violations = violations;
        RetryAfter = retryAfter;
    }

    /// <summary>The gRPC status (InvalidArgument, NotFound, Unauthenticated, ResourceExhausted, Unavailable…).</summary>
    public StatusCode StatusCode { get; }

    /// <summary>Which request fields were wrong, when the service said so.</summary>
    public IReadOnlyList<FieldViolation> Violations { get; }

    /// <summary>When to try again, for rate limits and unavailability.</summary>
    public TimeSpan? RetryAfter { get; }
}
