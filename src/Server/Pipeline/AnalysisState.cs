using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Privacy;
using MedicalImaging.Server.Providers;

namespace MedicalImaging.Server.Pipeline;

/// <summary>The typed state one analysis carries through its stages.</summary>
public sealed class AnalysisState
{
    public required string AnalysisId { get; init; }
    public required AnalysisRequest Request { get; init; }
    public required IReadOnlyList<ImageWork> Images { get; init; }
    public required string CacheKey { get; init; }

    /// <summary>Peak bytes the analysis holds, the sum of its images' estimates: what admission reserves.</summary>
    public long MemoryEstimateBytes { get; init; }

    /// <summary>The clinical context with identifier-like text redacted: the only form a provider sees.</summary>
    public ClinicalContextInfo? DeidentifiedContext { get; set; }

    /// <summary>What identifies the patient in this request (DICOM headers, case id, file names): never sent, only redacted and checked for.</summary>
    public IdentifierSet Identifiers { get; set; } = IdentifierSet.Empty;

    public VisionResult? Vision { get; set; }

    /// <summary>Citations taken from the literature search response (never written by a model).</summary>
    public IReadOnlyList<LiteratureCitation> Citations { get; set; } = [];

    /// <summary>ok, unavailable, not_needed or disabled.</summary>
    public string LiteratureStatus { get; set; } = "disabled";
    public MedicalReport? Report { get; set; }
    public float[]? Embedding { get; set; }
    public Dictionary<string, double> StageMillis { get; } = new(StringComparer.Ordinal);

    /// <summary>The vision stage's findings; a stage after it that finds none runs out of order.</summary>
    public VisionResult RequiredVision => Vision ?? throw StageNotRun("vision");

    /// <summary>The report stage's report.</summary>
    public MedicalReport RequiredReport => Report ?? throw StageNotRun("report");

    private InvalidOperationException StageNotRun(string stage) => new($"Analysis {AnalysisId}: the {stage} stage has not run.");
}
