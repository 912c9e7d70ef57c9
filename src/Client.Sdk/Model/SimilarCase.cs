namespace MedicalImaging.Client;

/// <summary>A similar past case.</summary>
/// <param name="ReportId">Its report.</param>
/// <param name="Score">Cosine similarity (−1 to 1).</param>
/// <param name="Modality">Modality.</param>
/// <param name="Impression">Impression.</param>
/// <param name="CreatedAt">When written.</param>
/// <param name="SharedAnatomy">Anatomy both mention.</param>
/// <param name="Reason">Why it is similar.</param>
/// <param name="SharedConditions">Conditions both mention (words of the findings, not diagnoses).</param>
public sealed record SimilarCase(string ReportId, double Score, string Modality, string Impression, DateTimeOffset CreatedAt, IReadOnlyList<string> SharedAnatomy, string Reason, IReadOnlyList<string> SharedConditions);
