using OpenCvSharp;

namespace MedicalImaging.Imaging.Heatmaps;

/// <summary>
/// The anomaly map on a ≤256-pixel working copy of the grey view: local deviation of the lightly
/// smoothed image from a median background (large anatomy and edges survive a median, small focal
/// structures do not), scaled by its own 99th percentile; where the anatomy is bilateral, weighted by
/// the deviation from the mirror image, so findings present on one side only stand out.
/// </summary>
internal static class AnomalyMapBuilder
{
    public const int WorkingSide = 256;
    public const double MirrorCorrelationForBilateral = 0.8;

    /// <summary>Returns a CV_32FC1 map in 0..1 at working size.</summary>
    public static Mat Build(Mat grey8, bool bilateralHint, out bool bilateral)
    {
        var scale = Math.Min(1.0, (double)WorkingSide / Math.Max(grey8.Width, grey8.Height));
        using var small = new Mat();
        Cv2.Resize(grey8, small, new Size(Math.Max(8, (int)Math.Round(grey8.Width * scale)), Math.Max(8, (int)Math.Round(grey8.Height * scale))), 0, 0, InterpolationFlags.Area);
        using var fine = new Mat();
        Cv2.GaussianBlur(small, fine, new Size(0, 0), 1.5);

        var kernel = Math.Max(5, (Math.Max(small.Width, small.Height) / 8) | 1);
        using var background = new Mat();
        Cv2.MedianBlur(fine, background, kernel);
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
            NormaliseRobust(asymmetry);

            // Keep half of the local deviation everywhere, the rest only where the sides differ.
            Cv2.Add(asymmetry, Scalar.All(1), asymmetry);
            Cv2.Multiply(map, asymmetry, map, 0.5);
        }

        NormaliseRobust(map);
        return map;
    }

    /// <summary>Scales to 0..1 by the 99.5th percentile (so one hot pixel cannot flatten the rest), clamped.</summary>
    public static void NormaliseRobust(Mat map)
    {
        var p = Common.Percentiles.Compute(map, null, 99.5)[0];
        Cv2.MinMaxLoc(map, out double _, out double max);
        var scale = p > 1e-6 ? p : max;
        if (scale <= 1e-6)
        {
            map.SetTo(Scalar.All(0));
            return;
        }

        Cv2.Multiply(map, Scalar.All(1 / scale), map);
        Cv2.Min(map, Scalar.All(1), map);
    }

    private static double MirrorCorrelation(Mat image)
    {
        using var mirrored = new Mat();
        Cv2.Flip(image, mirrored, FlipMode.Y);
        using var result = new Mat();
        Cv2.MatchTemplate(image, mirrored, result, TemplateMatchModes.CCoeffNormed);
        return result.At<float>(0, 0);
    }
}
