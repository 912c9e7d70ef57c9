namespace MedicalImaging.Imaging;

/// <summary>Measurements of one image (the `local` provider's eyes).</summary>
public sealed class QuantitativeAnalysis
{
    /// <summary>Named measurements (e.g. mean_intensity, ct_fraction_lung, lr_asymmetry) with their values.</summary>
    public required IReadOnlyDictionary<string, double> Measurements { get; init; }

    /// <summary>Image-quality flags: noise, low_contrast, clipping, motion_blur.</summary>
    public required IReadOnlyList<string> QualityFlags { get; init; }

    /// <summary>Findings derived from the measurements.</summary>
    public required IReadOnlyList<ImageFinding> Findings { get; init; }
}
