using OpenCvSharp;

namespace MedicalImaging.Imaging.Heatmaps;

/// <summary>
/// Fuses provider-reported boxes into the anomaly map: each box painted with its confidence,
/// softened, then map = (1 − w)·local + w·reported with w = <see cref="ReportedWeight"/>.
/// </summary>
internal static class RegionFusion
{
    public const double ReportedWeight = 0.6;

    public static void Fuse(Mat map, IReadOnlyList<RegionOfInterest> regions)
    {
        if (regions.Count == 0)
        {
            return;
        }

        using var reported = new Mat(map.Size(), MatType.CV_32FC1, Scalar.All(0));
        foreach (var region in regions)
        {
            var rect = ToPixels(region.Box, map.Size());
            if (rect.Width <= 0 || rect.Height <= 0)
            {
                continue;
            }

            using var roi = new Mat(reported, rect);
            using var confidence = new Mat(rect.Size, MatType.CV_32FC1, Scalar.All(Math.Clamp(region.Confidence, 0, 1)));
            Cv2.Max(roi, confidence, roi);
        }

        Cv2.GaussianBlur(reported, reported, new Size(0, 0), Math.Max(1, map.Width / 64.0));
        Cv2.AddWeighted(map, 1 - ReportedWeight, reported, ReportedWeight, 0, map);
    }

    public static Rect ToPixels(NormalizedBox box, Size size)
    {
        var x = (int)Math.Floor(Math.Clamp(box.X, 0, 1) * size.Width);
        var y = (int)Math.Floor(Math.Clamp(box.Y, 0, 1) * size.Height);
        var right = (int)Math.Ceiling(Math.Clamp(box.X + box.Width, 0, 1) * size.Width);
        var bottom = (int)Math.Ceiling(Math.Clamp(box.Y + box.Height, 0, 1) * size.Height);
        return new Rect(x, y, Math.Max(0, right - x), Math.Max(0, bottom - y));
    }
}
