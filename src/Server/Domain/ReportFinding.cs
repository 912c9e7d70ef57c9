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
    string Source)
{
    /// <summary>
    /// The DICOM frame the finding was seen on (null for PNG/JPEG); <see cref="Region"/> is then in that frame's
    /// normalised coordinates. UIDs identify the study: stored and exported for the owner, never sent to a provider.
    /// </summary>
    public DicomImageReference? SourceImage { get; init; }
}
