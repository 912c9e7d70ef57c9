namespace MedicalImaging.Server.Domain;

/// <summary>How a report was made.</summary>
public sealed record ReportProvenance
{
    public required string Provider { get; init; }
    public required string Model { get; init; }
    public required bool Degraded { get; init; }
    public required IReadOnlyList<ProviderAttemptRecord> Attempts { get; init; }
    public required string PipelineVersion { get; init; }
    public required string EmbeddingModel { get; init; }
    public required int EmbeddingDimension { get; init; }
    public required IReadOnlyDictionary<string, double> StageMillis { get; init; }
    public required IReadOnlyDictionary<string, string> PromptHashes { get; init; }
    public required string LiteratureStatus { get; init; }
    public double QualityScore { get; init; }
    public IReadOnlyList<string> QualityFeedback { get; init; } = [];
    public bool Regenerated { get; init; }

    /// <summary>References (PMID, DOI, author-year, PubMed link) a model wrote that were not search results, replaced by a visible marker.</summary>
    public int UnverifiedReferencesRemoved { get; init; }
}
