namespace MedicalImaging.Dicom;

/// <summary>
/// When may a de-identified file say Patient Identity Removed = YES? Header de-identification does nothing to text
/// drawn into the pixels, so only when the caller checked the pixels, or the header rules burned-in text out:
/// Burned In Annotation (0028,0301) = NO for a modality that does not usually carry text anyway.
/// </summary>
internal static class BurnedInTextRule
{
    private static readonly DicomTag BurnedInAnnotation = new(0x0028, 0x0301);

    /// <summary>Modalities whose images often carry burned-in text even when flagged NO (ultrasound, captures, angiography, endoscopy, other).</summary>
    private static readonly HashSet<string> TextProneModalities = new(StringComparer.Ordinal) { "US", "SC", "XA", "ES", "OT" };

    /// <summary>Null when burned-in text is ruled out; otherwise why Patient Identity Removed must stay NO.</summary>
    public static string? WhyIdentityMayRemain(DicomDataset ds, bool pixelsChecked)
    {
        if (pixelsChecked)
        {
            return null;
        }

        var flag = ds.GetString(BurnedInAnnotation)?.Trim();
        if (flag != "NO")
        {
            return flag is null or ""
                ? "Burned In Annotation (0028,0301) is absent, so the pixels may carry text that identifies the patient; the pixels were not checked"
                : $"Burned In Annotation (0028,0301) is {flag}; the pixels were not checked or cleaned";
        }

        var modality = ds.GetString(DicomTags.Modality)?.Trim() ?? "";
        if (modality.Length == 0)
        {
            return "Modality (0008,0060) is absent, so burned-in text cannot be ruled out from the header; the pixels were not checked";
        }

        return TextProneModalities.Contains(modality)
            ? $"modality {modality} often carries burned-in text even when flagged NO; the pixels were not checked"
            : null;
    }
}
