namespace MedicalImaging.Server.Reports.Writing;

/// <summary>A report's quality score (0..1) and the problems found.</summary>
public sealed record QualityReview(double Score, IReadOnlyList<string> Feedback);
