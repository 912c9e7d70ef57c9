using OpenCvSharp;

namespace MedicalImaging.Imaging.Heatmaps;

/// <summary>
/// The anomaly map on a ≤256-pixel working copy of the grey view: local deviation of the lightly
/// smoothed image from a morphological background (opening/closing with a disc a tenth of the side:
/// large anatomy, its edges and corners survive, small focal structures do not), on an absolute scale (<see cref="DeviationFullScale"/> grey levels = 1); where
/// the anatomy is bilateral, weighted by the difference from the mirror image, so what is present on
/// one side only stands out.
/// </summary>
internal static class AnomalyMapBuilder
{
    public const int WorkingSide = 256;
    public const double MirrorCorrelationForBilateral = 0.8;

    /// <summary>Local deviation (grey levels of the display view) that reaches the top of the colour scale.</summary>
    public const double DeviationFullScale = 64;

    /// <summary>Left/right difference (grey levels) counted as fully asymmetric.</summary>
    public const double AsymmetryFullScale = 48;

    /// <summary>Share of the local deviation kept where the two sides match.</summary>
    public const double SymmetricKeep = 0.25;

    /// <summary>Returns a CV_32FC1 map at working size: 1 = <see cref="DeviationFullScale"/> (may exceed 1).</summary>
    public static Mat Build(Mat grey8, bool bilateralHint, out bool bilateral)
    {
        var scale = Math.Min(1.0, (double)WorkingSide / Math.Max(grey8.Width, grey8.Height));
        using var small = new Mat();
        Cv2.Resize(grey8, small, new Size(Math.Max(16, (int)Math.Round(grey8.Width * scale)), Math.Max(16, (int)Math.Round(grey8.Height * scale))), 0, 0, InterpolationFlags.Area);
        using var fine = new Mat();
        Cv2.GaussianBlur(small, fine, new Size(0, 0), 1.5);

        using var deviation8 = LocalDeviation(fine);
        var map = new Mat();
        deviation8.ConvertTo(map, MatType.CV_32FC1);
        Cv2.GaussianBlur(map, map, new Size(0, 0), 2);

        bilateral = bilateralHint || MirrorCorrelation(fine) >= MirrorCorrelationForBilateral;
        if (bilateral)
        {
            using var mirrored = new Mat();
            Cv2.Flip(fine, mirrored, FlipMode.Y);
            using var asymmetry8 = new Mat();
            Cv2.Absdiff(fine, mirrored, asymmetry8);
            using var asymmetry = new Mat();
            asymmetry8.ConvertTo(asymmetry, MatType.CV_32FC1);
            Cv2.GaussianBlur(asymmetry, asymmetry, new Size(0, 0), 3);
            asymmetry.ConvertTo(asymmetry, MatType.CV_32FC1, 1 / AsymmetryFullScale);
            Cv2.Threshold(asymmetry, asymmetry, 1, 1, ThresholdTypes.Trunc);

            // Keep a quarter of the local deviation everywhere, the rest only where the sides differ:
            // map × (0.25 + 0.75 × asymmetry). Symmetric anatomy (both lung borders) fades; what is
            // on one side only keeps its full score.
            asymmetry.ConvertTo(asymmetry, MatType.CV_32FC1, 1 - SymmetricKeep, SymmetricKeep);
            Cv2.Multiply(map, asymmetry, map);
        }

        // An absolute scale, not this image's own maximum: an unremarkable image stays cool. Not
        // clamped here, so the hottest region is not a tie between saturated areas; the colour scale clamps.
        map.ConvertTo(map, MatType.CV_32FC1, 1 / DeviationFullScale);
        return map;
    }

    /// <summary>
    /// |image − background| where the background is the morphological opening (for bright structures)
    /// or closing (for dark ones) with a disc a tenth of the side across: structures smaller than the
    /// disc are removed from the background, larger anatomy and its edges and corners stay in it.
    /// The background is computed at half the working size (it is smooth; an elliptical kernel costs
    /// per pixel and per kernel row) and subtracted at full working size.
    /// </summary>
    private static Mat LocalDeviation(Mat fine)
    {
        using var half = new Mat();
        Cv2.Resize(fine, half, new Size(Math.Max(8, fine.Width / 2), Math.Max(8, fine.Height / 2)), 0, 0, InterpolationFlags.Area);
        var diameter = Math.Max(3, (Math.Max(half.Width, half.Height) / 10) | 1);
        using var disc = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(diameter, diameter));
        using var opened = new Mat();
        Cv2.MorphologyEx(half, opened, MorphTypes.Open, disc);
        using var closed = new Mat();
        Cv2.MorphologyEx(half, closed, MorphTypes.Close, disc);
        using var openedUp = new Mat();
        Cv2.Resize(opened, openedUp, fine.Size(), 0, 0, InterpolationFlags.Linear);
        using var closedUp = new Mat();
        Cv2.Resize(closed, closedUp, fine.Size(), 0, 0, InterpolationFlags.Linear);

        // Saturating 8-bit differences: brighter than the opening, darker than the closing.
        using var bright = new Mat();
        Cv2.Subtract(fine, openedUp, bright);
        using var dark = new Mat();
        Cv2.Subtract(closedUp, fine, dark);
        var deviation = new Mat();
        Cv2.Max(bright, dark, deviation);
        return deviation;
    }

    /// <summary>Pearson correlation of the image with its left/right mirror image.</summary>
    private static double MirrorCorrelation(Mat image8)
    {
        using var image = new Mat();
        image8.ConvertTo(image, MatType.CV_32FC1);
        using var mirrored = new Mat();
        Cv2.Flip(image, mirrored, FlipMode.Y);
        Cv2.MeanStdDev(image, out var mean, out var std);
        var n = (double)image.Width * image.Height;
        var variance = std.Val0 * std.Val0;
        return variance < 1e-9 ? 1 : ((image.Dot(mirrored) / n) - (mean.Val0 * mean.Val0)) / variance;
    }
}
