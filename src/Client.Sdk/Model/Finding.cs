namespace MedicalImaging.Client;

/// <summary>One finding.</summary>
/// <param name="Id">Id within the report (f1…).</param>
/// <param name="Description">What was seen.</param>
/// <param name="Anatomy">Where.</param>
/// <param name="Severity">normal … critical.</param>
/// <param name="Confidence">0 to 1.</param>
/// <param name="ImageIndex">The image.</param>
/// <param name="Source">The provider that reported it.</param>
public sealed record Finding(string Id, string Description, string Anatomy, string Severity, double Confidence, int ImageIndex, string Source);
