namespace MedicalImaging.Dicom;

/// <summary>What <see cref="DicomDeidentifier.Deidentify"/> did to one file.</summary>
/// <param name="PatientIdentityRemoved">True when (0012,0062) Patient Identity Removed was set to YES.</param>
/// <param name="NotRemovedReason">Why it was set to NO (burned-in text not checked), or null.</param>
/// <param name="DateOffsetDays">Days added to every date (negative), or 0 when dates were not shifted.</param>
public sealed record DeidentificationResult(bool PatientIdentityRemoved, string? NotRemovedReason, int DateOffsetDays);
