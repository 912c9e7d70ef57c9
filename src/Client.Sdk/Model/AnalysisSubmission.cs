namespace MedicalImaging.Client;

/// <summary>What to analyse.</summary>
public sealed record AnalysisSubmission
{
    /// <summary>1 to 10 images.</summary>
    public required IReadOnlyList<ImageFile> Images { get; init; }

    /// <summary>Your application's case id (not a patient identifier). Optional.</summary>
    public string? CaseId { get; init; }

    /// <summary>Clinical context; never names or identifiers. Optional.</summary>
    public ClinicalContext? ClinicalContext { get; init; }

    /// <summary>Force a new analysis even when an identical one is cached. Default false.</summary>
    public bool SkipCache { get; init; }

    /// <summary>
    /// Idempotency key of this logical request (1 to 128 letters, digits, '.', '_', ':' or '-'): sending the
    /// same submission again with the same id, as the same user, follows the analysis the first try started
    /// instead of starting (and paying for) another. Default: a new id for each <c>AnalyzeAsync</c> call; set
    /// your own (e.g. stored with your job) to make retries after your process restarts idempotent too.
    /// </summary>
    public string? RequestId { get; init; }
}
