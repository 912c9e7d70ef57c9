namespace MedicalImaging.Server.Domain;

/// <summary>Clinical context given with a request; never names or identifiers.</summary>
public sealed record ClinicalContextInfo(
    int? AgeYears,
    string? Sex,
    string? Indication,
    string? ClinicalQuestion,
    IReadOnlyList<string> Symptoms)
{
    /// <summary>True when nothing was given.</summary>
    public bool IsEmpty => AgeYears is null && Sex is null && string.IsNullOrEmpty(Indication)
        && string.IsNullOrEmpty(ClinicalQuestion) && Symptoms.Count == 0;
}
