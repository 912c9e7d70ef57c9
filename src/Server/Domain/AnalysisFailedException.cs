namespace MedicalImaging.Server.Domain;

/// <summary>
/// An analysis that failed unexpectedly, as replayed from the job store: the details were logged when it
/// failed; watchers get INTERNAL without them (and without a second error log).
/// </summary>
public sealed class AnalysisFailedException : Exception
{
    public AnalysisFailedException(string message) : base(message)
    {
    }
}
