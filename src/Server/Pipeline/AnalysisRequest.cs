using MedicalImaging.Server.Domain;

namespace MedicalImaging.Server.Pipeline;

/// <summary>An analysis as the caller asked for it (domain form of AnalyzeRequest).</summary>
public sealed record AnalysisRequest(
    string OwnerId,
    IReadOnlyList<ImageSource> Images,
    string? CaseId,
    ClinicalContextInfo? ClinicalContext,
    AnalysisSettings Settings);
