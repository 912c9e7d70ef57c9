using OpenCvSharp;

namespace MedicalImaging.Imaging.Heatmaps;

/// <summary>
/// The anomaly map on a ≤256-pixel working copy of the grey view: local deviation of the lightly
/// smoothed image from a median background (large anatomy and edges survive a median, small focal
/// structures do not), on an absolute scale (<see cref="DeviationFullScale"/> grey levels = 1); where
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

    /// <summary>Returns a CV_32FC1 map in 0..1 at working size.</summary>
    public static Mat Build(Mat grey8, bool bilateralHint, out bool bilateral)
    {
        var scale = Math.Min(1.0, (double)WorkingSide / Math.Max(grey8.Width, grey8.Height));
        using var small = new Mat();
        Cv2.Resize(grey8, small, new Size(Math.Max(16, (int)Math.Round(grey8.Width * scale)), Math.Max(16, (int)Math.Round(grey8.Height * scale))), 0, 0, InterpolationFlags.Area);
        using var fine = new Mat();
        Cv2.GaussianBlur(small, fine, new Size(0, 0), 1.5);

        using var background = MedianBackground(fine);
        using var deviation8 = new Mat();
        Cv2.Absdiff(fine, background, deviation8);
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

        // An absolute scale, not this image's own maximum: an unremarkable image stays cool.
        map.ConvertTo(map, MatType.CV_32FC1, 1 / DeviationFullScale);
        Cv2.Threshold(map, map, 1, 1, ThresholdTypes.Trunc);
        return map;
    }

    /// <summary>Median background at half the working size (it is smooth anyway), an eighth of the side wide.</summary>
    private static Mat MedianBackground(Mat fine)
    {
        using var half = new Mat();
        Cv2.Resize(fine, half, new Size(fine.Width / 2, fine.Height / 2), 0, 0, InterpolationFlags.Area);
        var kernel = Math.Max(3, (Math.Max(half.Width, half.Height) / 8) | 1);
        Cv2.MedianBlur(half, half, kernel);
        var background = new Mat();
        Cv2.Resize(half, background, fine.Size(), 0, 0, InterpolationFlags.Linear);
        return background;
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
