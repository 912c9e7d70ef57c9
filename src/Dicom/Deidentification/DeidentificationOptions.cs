namespace MedicalImaging.Dicom;

/// <summary>Options for <see cref="DicomDeidentifier"/>.</summary>
public sealed record DeidentificationOptions
{
    /// <summary>
    /// Secret mixed into UID remapping (HMAC-SHA256). The same secret maps the same UID to the same new UID across
    /// files and runs, so a de-identified series stays a series. Default: a fixed project key (consistent, not secret).
    /// </summary>
    public byte[] UidSecret { get; init; } = "medimg-deidentification-v1"u8.ToArray();

    /// <summary>PS3.15 Retain Patient Characteristics Option: keep sex, age, size and weight. Default false.</summary>
    public bool RetainPatientCharacteristics { get; init; }

    /// <summary>PS3.15 Retain Safe Private Option is not implemented: all private elements are removed.</summary>
    public static DeidentificationOptions Default { get; } = new();
}
