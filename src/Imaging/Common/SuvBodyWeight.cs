namespace MedicalImaging.Imaging.Common;

/// <summary>
/// PET standardised uptake value, body-weight normalised:
/// SUVbw = activity concentration (Bq/ml) × weight (g) / (injected dose (Bq) × 2^(−t / T½)).
/// </summary>
internal static class SuvBodyWeight
{
    /// <summary>The factor from Bq/ml to SUVbw, or null when the metadata lacks what it needs.</summary>
    public static double? Factor(ImageMetadata metadata)
    {
        if (!string.Equals(metadata.PetUnits, "BQML", StringComparison.OrdinalIgnoreCase)
            || metadata.PatientWeightKg is not > 0
            || metadata.RadionuclideTotalDoseBq is not > 0
            || metadata.RadionuclideHalfLifeSeconds is not > 0
            || metadata.SecondsFromInjectionToAcquisition is not >= 0)
        {
            return null;
        }

        var decayedDose = metadata.RadionuclideTotalDoseBq.Value
            * Math.Pow(2, -metadata.SecondsFromInjectionToAcquisition.Value / metadata.RadionuclideHalfLifeSeconds.Value);
        return metadata.PatientWeightKg.Value * 1000 / decayedDose;
    }
}
