namespace MedicalImaging.Server.Domain;

/// <summary>
/// The server is shutting down (a deploy, a restart): maps to UNAVAILABLE with RetryInfo. Nothing is lost:
/// the analysis is stored and resumes at the next start; the client re-attaches with WatchAnalysis.
/// </summary>
public sealed class ServerStoppingException : Exception
{
    /// <summary>What callers are told.</summary>
    public const string DefaultMessage =
        "The server is restarting. Running analyses are kept and resume at its next start: re-attach with WatchAnalysis (analysis_id, after_sequence = the last sequence you received).";

    /// <summary>google.rpc.ErrorInfo reason of the status: the server is stopping; the call may be re-attached.</summary>
    public const string Reason = "SERVER_STOPPING";

    /// <summary>google.rpc.ErrorInfo domain of the service's own reasons.</summary>
    public const string Domain = "medimaging.v1";

    public ServerStoppingException() : this(DefaultMessage)
    {
    }

    public ServerStoppingException(string message) : base(message)
    {
    }

    /// <summary>When to try again.</summary>
    public TimeSpan RetryAfter { get; } = TimeSpan.FromSeconds(5);
}
