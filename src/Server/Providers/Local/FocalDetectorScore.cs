namespace MedicalImaging.Server.Providers.Local;

/// <summary>Counts from running the focal detector on phantoms of one kind.</summary>
/// <param name="Kind">chest or ct.</param>
/// <param name="LesionImages">Images with a lesion.</param>
/// <param name="Found">Lesion images whose focal box overlaps the true lesion box.</param>
/// <param name="CleanImages">Lesion-free images.</param>
/// <param name="FalsePositives">Lesion-free images given a focal finding.</param>
public sealed record FocalDetectorScore(string Kind, int LesionImages, int Found, int CleanImages, int FalsePositives)
{
    /// <summary>Found / lesion images.</summary>
    public double Sensitivity => LesionImages == 0 ? 0 : (double)Found / LesionImages;

    /// <summary>False positives / lesion-free images.</summary>
    public double FalsePositiveRate => CleanImages == 0 ? 0 : (double)FalsePositives / CleanImages;
}
