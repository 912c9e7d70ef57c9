using MedicalImaging.Imaging;
using MedicalImaging.Server.Configuration;

namespace MedicalImaging.Server.Redaction;

/// <summary>
/// Which images are read for burned-in text. In auto mode only images that cannot carry text by
/// their own account are skipped: a DICOM object whose (0028,0301) Burned In Annotation says NO and
/// whose modality is not one where screen text is routine (ultrasound, secondary capture, angiography,
/// endoscopy, other). A missing flag is not a NO: many devices never write it.
/// </summary>
public static class BurnedInTextPolicy
{
    private static readonly HashSet<string> TextProneModalities = new(StringComparer.OrdinalIgnoreCase) { "US", "SC", "XA", "ES", "OT" };

    /// <summary>Whether to check the image, and why (said in logs and the report, never identifying).</summary>
    public static (bool Check, string Reason) Decide(ImageMetadata metadata, BurnedInTextMode mode)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return mode switch
        {
            BurnedInTextMode.Never => (false, "REDACT_BURNED_IN_TEXT=never"),
            BurnedInTextMode.Always => (true, "REDACT_BURNED_IN_TEXT=always"),
            _ when metadata.SourceFormat != "dicom" => (true, $"{metadata.SourceFormat.ToUpperInvariant()} upload (no burned-in annotation flag)"),
            _ when TextProneModalities.Contains(metadata.Modality) => (true, $"modality {metadata.Modality}"),
            _ when metadata.BurnedInAnnotation is true => (true, "Burned In Annotation = YES"),
            _ when metadata.BurnedInAnnotation is null => (true, "no Burned In Annotation flag"),
            _ => (false, $"{metadata.Modality} with Burned In Annotation = NO"),
        };
    }
}
