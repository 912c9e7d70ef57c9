namespace MedicalImaging.Server.Redaction;

/// <summary>What the burned-in text step did to one image's outbound copy (never what the text said).</summary>
/// <param name="Checked">True when OCR read the image.</param>
/// <param name="RegionsBlanked">Regions filled with black in the outbound copy.</param>
/// <param name="Reason">Why it was checked or skipped (policy wording, no identifiers).</param>
public sealed record BurnedInTextCheck(bool Checked, int RegionsBlanked, string Reason);
