namespace MedicalImaging.Dicom;

/// <summary>What <see cref="DicomDeidentifier.Deidentify"/> did to one file.</summary>
/// <param name="PatientIdentityRemoved">True when (0012,0062) Patient Identity Removed was set to YES.</param>
/// <param name="NotRemovedReason">Why it was set to NO (burned-in text not checked), or null.</param>
/// <param name="DateOffset">
/// What was added to each date with its time (whole weeks back, then 0-86399 s forward; a date alone moves by the
/// weeks, a time alone by the seconds modulo a day), or zero when dates were not shifted.
/// </param>
public sealed record DeidentificationResult(bool PatientIdentityRemoved, string? NotRemovedReason, TimeSpan DateOffset);
