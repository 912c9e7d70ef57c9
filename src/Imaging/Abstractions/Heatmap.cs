namespace MedicalImaging.Imaging;

/// <summary>An anomaly heatmap rendered as a colour overlay PNG with a legend.</summary>
public sealed class Heatmap
{
    /// <summary>The overlay PNG.</summary>
    public required byte[] Png { get; init; }

    /// <summary>How it was made, in one sentence a clinician can read.</summary>
    public required string Method { get; init; }

    /// <summary>The hottest region of the anomaly map.</summary>
    public required NormalizedBox HottestRegion { get; init; }

    /// <summary>The map's peak in units of its full scale (1 = 64 grey levels of local deviation, after the
    /// mirror weighting where bilateral; may exceed 1). Fused provider regions count too.</summary>
    public double PeakScore { get; init; }

    /// <summary>Whether the left/right mirror term was applied (bilateral anatomy).</summary>
    public bool Bilateral { get; init; }

    /// <summary>The noise-relative focal-lesion detector's blob in the lung fields (coordinates of the preprocessed
    /// image), or null when it found none (see <see cref="Detection.FocalLesionDetector"/>).</summary>
    public FocalLesion? Focal { get; init; }

    /// <summary>Whether the focal-lesion detector found lung fields to search (when true and <see cref="Focal"/> is
    /// null, it looked and found nothing there).</summary>
    public bool FocalSearched { get; init; }
}
