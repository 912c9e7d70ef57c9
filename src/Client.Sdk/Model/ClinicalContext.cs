namespace MedicalImaging.Client;

/// <summary>Clinical context for an analysis.</summary>
/// <param name="AgeYears">Age in years.</param>
/// <param name="Sex">female, male or other.</param>
/// <param name="Indication">Why the study was done.</param>
/// <param name="ClinicalQuestion">What the referrer asks.</param>
/// <param name="Symptoms">Presenting symptoms.</param>
public sealed record ClinicalContext(int? AgeYears = null, string? Sex = null, string? Indication = null, string? ClinicalQuestion = null, IReadOnlyList<string>? Symptoms = null);
