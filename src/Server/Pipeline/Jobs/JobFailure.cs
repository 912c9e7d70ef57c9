using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Providers.Chain;

namespace MedicalImaging.Server.Pipeline.Jobs;

/// <summary>
/// Why a job failed, stored so that watchers after a restart get the same status a live watcher got
/// (google.rpc code, message, the field at fault, when to retry).
/// </summary>
/// <param name="Code">google.rpc.Code.</param>
/// <param name="Message">What the caller is told.</param>
/// <param name="Field">The request field at fault (INVALID_ARGUMENT), or null.</param>
/// <param name="RetryAfterSeconds">When trying again may help, or null.</param>
public sealed record JobFailure(int Code, string Message, string? Field = null, double? RetryAfterSeconds = null)
{
    private const int InvalidArgument = 3;
    private const int NotFound = 5;
    private const int ResourceExhausted = 8;
    private const int Internal = 13;
    private const int Unavailable = 14;

    /// <summary>The stored form of a failure; an unexpected one keeps no internals.</summary>
    public static JobFailure From(Exception error) => error switch
    {
        InvalidRequestException invalid => new(InvalidArgument, invalid.Message, invalid.Field),
        ResourceNotFoundException notFound => new(NotFound, notFound.Message),
        CapacityExceededException full => new(ResourceExhausted, full.Message, RetryAfterSeconds: full.RetryAfter?.TotalSeconds),
        ProvidersUnavailableException unavailable => new(Unavailable, unavailable.Message, RetryAfterSeconds: unavailable.RetryAfter.TotalSeconds),
        _ => new(Internal, "The analysis failed unexpectedly; the error was logged."),
    };

    /// <summary>The domain exception watchers re-throw (mapped to a status by the API, as the original was).</summary>
    public Exception ToException() => Code switch
    {
        InvalidArgument => new InvalidRequestException(Field ?? "request", Message),
        NotFound => new ResourceNotFoundException(Message),
        ResourceExhausted => new CapacityExceededException(Message, RetryAfterSeconds is { } r ? TimeSpan.FromSeconds(r) : null),
        Unavailable => new ProvidersUnavailableException(Message, TimeSpan.FromSeconds(RetryAfterSeconds ?? 30)),
        _ => new AnalysisFailedException(Message),
    };
}
