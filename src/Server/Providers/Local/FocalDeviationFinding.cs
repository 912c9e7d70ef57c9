using System.Globalization;
using MedicalImaging.Imaging;
using MedicalImaging.Imaging.Detection;
using MedicalImaging.Server.Domain;

namespace MedicalImaging.Server.Providers.Local;

/// <summary>
/// Turns a strong, compact hotspot of the anomaly heatmap into a finding of the `local` provider, so the
/// report says what the heatmap shows. Worded as a local-contrast detection, never as a diagnosis.
/// </summary>
public static class FocalDeviationFinding
{
    /// <summary>Heatmap peak (1 = 64 grey levels of local deviation) from which a hotspot is reported. On the test
    /// phantoms inserted lesions peak at ~2 and normal anatomy at ≤ ~1; not calibrated on clinical images.</summary>
    public const double PeakThreshold = 1.5;

    /// <summary>Largest hottest-region area (share of the image) still called focal.</summary>
    public const double MaxFocalArea = 0.1;

    /// <summary>The finding for <paramref name="heatmap"/>: the noise-relative lesion detector's blob when it found one;
    /// when the image has no lung fields for it to search, a strong compact heatmap hotspot; else null.</summary>
    public static ReportFinding? From(Heatmap heatmap, string id, int imageIndex, string provider)
    {
        ArgumentNullException.ThrowIfNull(heatmap);
        if (heatmap.Focal is { } lesion)
        {
            return FromLesion(lesion, id, imageIndex, provider);
        }

        if (heatmap.FocalSearched)
        {
            // The noise-relative detector searched the lung fields and found nothing: a heatmap peak there is anatomy
            // on the absolute scale (the lesion-free phantoms' false positives came from this route).
            return null;
        }

        var box = heatmap.HottestRegion;
        if (heatmap.PeakScore < PeakThreshold || box.Width * box.Height > MaxFocalArea)
        {
            return null;
        }

        var where = Where(box);
        var levels = (heatmap.PeakScore * 64).ToString("0", CultureInfo.InvariantCulture);
        var description = $"Focal area of local intensity deviation in the {where} of the image (heatmap peak {levels} grey levels from the smoothed background"
            + (heatmap.Bilateral ? ", not matched on the mirror side" : string.Empty)
            + "); a local-contrast detection, not a diagnosis: needs review";
        var confidence = Math.Round(Math.Min(0.7, 0.4 + 0.1 * (heatmap.PeakScore - PeakThreshold)), 2);
        return new ReportFinding(id, description, where, FindingSeverity.Mild, confidence, imageIndex, box, provider);
    }

    private static ReportFinding FromLesion(FocalLesion lesion, string id, int imageIndex, string provider)
    {
        var where = Where(lesion.Region);
        var sigmas = lesion.Significance.ToString("0.0", CultureInfo.InvariantCulture);
        var levels = lesion.ContrastGreyLevels.ToString("0", CultureInfo.InvariantCulture);
        var description = $"Focal area of local intensity deviation in the {where} of the image (a bright blob in the lung field, {levels} grey levels above its surround, {sigmas}x the image's noise level); a local-contrast detection, not a diagnosis: needs review";
        var confidence = Math.Round(Math.Min(0.7, 0.4 + (0.02 * (lesion.Significance - FocalLesionDetector.Threshold))), 2);
        return new ReportFinding(id, description, where, FindingSeverity.Mild, confidence, imageIndex, lesion.Region, provider);
    }

    private static string Where(NormalizedBox box)
    {
        var x = box.X + box.Width / 2;
        var y = box.Y + box.Height / 2;
        var horizontal = x < 1 / 3.0 ? "image-left" : x > 2 / 3.0 ? "image-right" : "central";
        var vertical = y < 1 / 3.0 ? "upper" : y > 2 / 3.0 ? "lower" : "middle";
        return $"{horizontal} {vertical} third";
    }
}
