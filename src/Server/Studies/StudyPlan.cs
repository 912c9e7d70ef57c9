namespace MedicalImaging.Server.Studies;

/// <summary>What a study analysis will look at: the chosen frames, how many there were to choose from, and whether it is a subset.</summary>
public sealed record StudyPlan(IReadOnlyList<PlannedFrame> Frames, int CandidateFrames, int SeriesCount)
{
    public bool IsSubset => Frames.Count < CandidateFrames;
}
