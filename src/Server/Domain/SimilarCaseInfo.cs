namespace MedicalImaging.Server.Domain;

/// <summary>One similar report with why it is similar.</summary>
public sealed record SimilarCaseInfo(
    ReportSummaryInfo Report,
    double Score,
    IReadOnlyList<string> SharedAnatomy,
    IReadOnlyList<string> SharedConditions,
    string Reason);
