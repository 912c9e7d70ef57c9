namespace MedicalImaging.Server.Pipeline.Jobs;

/// <summary>An event append whose sequence is not the next one: another writer got there first (or a bug numbered twice).</summary>
public sealed class JobSequenceConflictException : Exception
{
    public JobSequenceConflictException(string analysisId, long sequence)
        : base($"Event {sequence} of analysis {analysisId} is not the next one in its log.")
    {
        AnalysisId = analysisId;
        Sequence = sequence;
    }

    /// <summary>The analysis whose log refused the event.</summary>
    public string AnalysisId { get; }

    /// <summary>The refused sequence.</summary>
    public long Sequence { get; }
}
