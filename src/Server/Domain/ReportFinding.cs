using MedicalImaging.Imaging;

namespace MedicalImaging.Server.Domain;

/// <summary>One observation of a report.</summary>
public sealed record ReportFinding(
    string Id,
    string Description,
    string Anatomy,
    FindingSeverity Severity,
    double Confidence,
    int ImageIndex,
    NormalizedBox? Region,
    string Source);
