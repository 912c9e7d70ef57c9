using OpenCvSharp;

namespace MedicalImaging.Imaging.Analysis;

/// <summary>
/// Connected regions of a binary mask: labelling without OpenCV's per-component statistics (which
/// cost ~15× the labelling itself here), areas from a histogram of the labels.
/// </summary>
internal static class ConnectedRegions
{
    /// <summary>The largest 8-connected region (area in pixels, bounding box, its mask if asked) and how many regions reach <paramref name="minimumArea"/>.</summary>
    public static RegionSummary Largest(Mat mask8, int minimumArea, bool wantMask = false)
    {
        using var labels = new Mat();
        var count = Cv2.ConnectedComponents(mask8, labels, PixelConnectivity.Connectivity8, MatType.CV_32S);
        if (count <= 1)
        {
            return new RegionSummary(0, default, 0, wantMask ? new Mat(mask8.Size(), MatType.CV_8UC1, Scalar.All(0)) : null);
        }

        using var asFloat = new Mat();
        labels.ConvertTo(asFloat, MatType.CV_32FC1);
        using var histogram = new Mat();
        using var noMask = new Mat();
        Cv2.CalcHist([asFloat], [0], noMask, histogram, 1, [count], [new Rangef(0, count)]);
        histogram.GetArray(out float[] areas);
        var best = 1;
        var regions = 0;
        for (var label = 1; label < count; label++)
        {
            if (areas[label] >= minimumArea)
            {
                regions++;
            }

            if (areas[label] > areas[best])
            {
                best = label;
            }
        }

        var largest = new Mat();
        Cv2.Compare(labels, new Scalar(best), largest, CmpTypes.EQ);
        var box = Cv2.BoundingRect(largest);
        if (!wantMask)
        {
            largest.Dispose();
            largest = null;
        }

        return new RegionSummary((int)areas[best], box, regions, largest);
    }
}
