using MedicalImaging.Server.Domain;

namespace MedicalImaging.Server.Pipeline.Jobs;

/// <summary>An analysis request as a job stores it: image ids, never image bytes.</summary>
public sealed record StoredJobRequest(
    IReadOnlyList<StoredJobImage> Images,
    string? CaseId,
    ClinicalContextInfo? ClinicalContext,
    AnalysisSettings Settings)
{
    /// <summary>The domain request again, every image by id (what a resumed analysis prepares from).</summary>
    public AnalysisRequest ToDomain(string ownerId) => new(
        ownerId,
        Images.Select(i => new ImageSource(i.Index, i.Filename, null, i.ImageId, i.ModalityHint, i.BodyPartHint, i.FrameIndex)).ToList(),
        CaseId,
        ClinicalContext,
        Settings);
}
