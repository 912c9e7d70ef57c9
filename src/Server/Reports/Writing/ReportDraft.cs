using MedicalImaging.Imaging;

namespace MedicalImaging.Server.Reports.Writing;

/// <summary>The narrative sections a model wrote (findings stay those of the vision step).</summary>
public sealed record ReportDraft(
    string Technique,
    string Comparison,
    string Impression,
    IReadOnlyList<string> Recommendations,
    IReadOnlyList<string> Limitations,
    FindingSeverity OverallSeverity,
    IReadOnlyList<string> KeyFindings,
    IReadOnlyList<string> CitedPmids);
