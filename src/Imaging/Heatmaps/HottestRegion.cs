using OpenCvSharp;

namespace MedicalImaging.Imaging.Heatmaps;

/// <summary>The bounding box of the connected area around the map's maximum that stays above 60% of it.</summary>
internal static class HottestRegion
{
    public const double Level = 0.6;

    public static NormalizedBox Find(Mat map, out double peak)
    {
        Cv2.MinMaxLoc(map, out double _, out peak, out Point _, out var at);
        if (peak <= 0)
        {
            return new NormalizedBox(0, 0, 1, 1);
        }

        using var hot = new Mat();
        Cv2.Threshold(map, hot, peak * Level, 255, ThresholdTypes.Binary);
        using var hot8 = new Mat();
        hot.ConvertTo(hot8, MatType.CV_8UC1);
        using var labels = new Mat();
        using var stats = new Mat();
        using var centroids = new Mat();
        Cv2.ConnectedComponentsWithStats(hot8, labels, stats, centroids, PixelConnectivity.Connectivity8, MatType.CV_32S);
        var label = labels.At<int>(at.Y, at.X);
        var x = stats.At<int>(label, (int)ConnectedComponentsTypes.Left);
        var y = stats.At<int>(label, (int)ConnectedComponentsTypes.Top);
        var w = stats.At<int>(label, (int)ConnectedComponentsTypes.Width);
        var h = stats.At<int>(label, (int)ConnectedComponentsTypes.Height);
        return new NormalizedBox((double)x / map.Width, (double)y / map.Height, (double)w / map.Width, (double)h / map.Height);
    }
}
