using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Privacy;
using MedicalImaging.Server.Providers;

namespace MedicalImaging.Server.Reports;

/// <summary>
/// What a report is written from: the analysis' identity and owner, the images, the vision findings, the
/// literature found and the stage times so far. Built by the report stage once the stages before it have run, so
/// every part a writer reads is there.
/// </summary>
public sealed record ReportInput
{
    public required string AnalysisId { get; init; }
    public required string OwnerId { get; init; }
    public string? CaseId { get; init; }

    /// <summary>The context as the owner gave it (kept in the owner's report).</summary>
    public ClinicalContextInfo? ClinicalContext { get; init; }

    /// <summary>The same context with identifiers redacted: the only form report text quotes.</summary>
    public ClinicalContextInfo? DeidentifiedContext { get; init; }

    /// <summary>Identifiers known to belong to the patient, kept from anything sent to a provider.</summary>
    public IdentifierSet Known { get; init; } = IdentifierSet.Empty;

    public required IReadOnlyList<ReportImage> Images { get; init; }
    public required VisionResult Vision { get; init; }
    public required IReadOnlyList<LiteratureCitation> Citations { get; init; }
    public required string LiteratureStatus { get; init; }
    public required string CacheKey { get; init; }

    /// <summary>The analysis pipeline's version, recorded in the report's provenance.</summary>
    public required string PipelineVersion { get; init; }

    /// <summary>A snapshot: the stages after the report are timed too, but the stored report is written before they end.</summary>
    public required IReadOnlyDictionary<string, double> StageMillis { get; init; }
}
