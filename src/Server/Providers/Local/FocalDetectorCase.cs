using MedicalImaging.Imaging;

namespace MedicalImaging.Server.Providers.Local;

/// <summary>One phantom of a focal-detector study and what the detector made of it (for breakdowns by size and contrast).</summary>
/// <param name="Index">Phantom number in its seeded series.</param>
/// <param name="Lesion">The true lesion box (source coordinates), null on a lesion-free phantom.</param>
/// <param name="ContrastSigmas">The lesion's contrast in noise σ (0 without a lesion).</param>
/// <param name="Detected">The focal finding's box in source coordinates, or null.</param>
/// <param name="Found">Whether <paramref name="Detected"/> counts as finding the lesion (<see cref="FocalDetectorStudy.Matches"/>).</param>
public sealed record FocalDetectorCase(int Index, NormalizedBox? Lesion, double ContrastSigmas, NormalizedBox? Detected, bool Found)
{
    /// <summary>The lesion's radius as a share of the image width (0 without a lesion).</summary>
    public double RadiusShare => Lesion is { } box ? box.Width / 2 : 0;
}
