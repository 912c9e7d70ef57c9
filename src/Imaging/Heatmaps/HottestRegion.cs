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
        Cv2.ConnectedComponents(hot8, labels, PixelConnectivity.Connectivity8, MatType.CV_32S);
        using var region = new Mat();
        Cv2.Compare(labels, new Scalar(labels.At<int>(at.Y, at.X)), region, CmpTypes.EQ);
        var box = Cv2.BoundingRect(region);
        var (x, y, w, h) = (box.X, box.Y, box.Width, box.Height);
        return new NormalizedBox((double)x / map.Width, (double)y / map.Height, (double)w / map.Width, (double)h / map.Height);
    }
}
