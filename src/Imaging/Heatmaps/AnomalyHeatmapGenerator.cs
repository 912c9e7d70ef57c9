using MedicalImaging.Imaging.Analysis;
using MedicalImaging.Imaging.Common;
using MedicalImaging.Imaging.Detection;

namespace MedicalImaging.Imaging.Heatmaps;

/// <summary>
/// Anomaly heatmaps: local deviation from a smoothed (morphological) background, weighted by left/right
/// mirror asymmetry where the anatomy is bilateral, fused with provider-reported regions, drawn as a
/// JET overlay on the preprocessed grey view with a legend. Coordinates (the hottest region, the
/// reported boxes) are relative to the preprocessed image. Stateless and thread-safe.
/// </summary>
public sealed class AnomalyHeatmapGenerator : IHeatmapGenerator
{
    /// <inheritdoc />
    public Heatmap Generate(DecodedImage image, PreprocessedImage preprocessed, IReadOnlyList<RegionOfInterest> reportedRegions)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(preprocessed);
        reportedRegions ??= [];
        // The focal detector and the map (built, rendered, PNG-encoded) read the same grey view and share nothing
        // else: they run side by side (Parallel.Invoke runs one on this thread, so nothing blocks waiting for a worker).
        FocalLesion? focal = null;
        var searched = false;
        Drawn? drawn = null;
        try
        {
            Parallel.Invoke(
                () => focal = FocalLesionDetector.Detect(preprocessed.Grey8, preprocessed.Width, preprocessed.Height, FocalLesionDetector.Threshold, out searched),
                () => drawn = Draw(image, preprocessed, reportedRegions));
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            // Callers see the failure itself, as when the two ran one after the other.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }
        var (png, method, hottest, peak, bilateral) = drawn!;
        return new Heatmap { Png = png, Method = method, HottestRegion = hottest, PeakScore = peak, Bilateral = bilateral, Focal = focal, FocalSearched = searched };
    }

    private static Drawn Draw(DecodedImage image, PreprocessedImage preprocessed, IReadOnlyList<RegionOfInterest> reportedRegions)
    {
        using var grey8 = PixelMats.WrapGrey8(preprocessed.Grey8, preprocessed.Width, preprocessed.Height);
        using var map = AnomalyMapBuilder.Build(grey8, BodyParts.IsBilateral(image.Metadata), out var bilateral);
        RegionFusion.Fuse(map, reportedRegions);
        var hottest = HottestRegion.Find(map, out var peak);
        var caption = "anomaly: local deviation" + (bilateral ? " x L/R asymmetry" : string.Empty) + (reportedRegions.Count > 0 ? " + reported regions" : string.Empty);
        var png = HeatmapRenderer.Render(grey8, map, hottest, reportedRegions, caption);
        return new Drawn(png, Describe(bilateral, reportedRegions.Count), hottest, peak, bilateral);
    }

    private static string Describe(bool bilateral, int reported)
    {
        var text = "Computed locally, not by AI: each pixel's deviation from a smoothed background of the preprocessed grey image (morphological opening/closing with a disc a tenth of the image across, so only structures smaller than that stand out; full scale = 64 grey levels)";
        if (bilateral)
        {
            text += ", weighted toward where it differs from its left/right mirror image (bilateral anatomy: a quarter of the score kept where both sides match)";
        }

        if (reported > 0)
        {
            text += $", fused with {reported} provider-reported region(s) painted at their confidence (weight 0.6 against 0.4 for the local map)";
        }

        return text + "; JET colour scale from blue (low) to red (high) at half opacity, left uncoloured below 15% of the scale; white box = hottest region.";
    }

    private sealed record Drawn(byte[] Png, string Method, NormalizedBox HottestRegion, double PeakScore, bool Bilateral);
}
