using MedicalImaging.Imaging.Common;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Analysis;

/// <summary>Intensity statistics in modality units (HU for CT) and of the display grey view.</summary>
internal static class IntensityStatistics
{
    private const int MaxSide = 1024;

    public static void Measure(Mat modality, Mat grey8, AnalysisContext context)
    {
        using var sample = Subsample(modality);
        Cv2.MeanStdDev(sample, out var mean, out var std);
        Cv2.MinMaxLoc(sample, out double min, out double max);
        var p = Percentiles.Compute(sample, null, 5, 50, 95);
        context.Measure("intensity_mean", mean.Val0, 2);
        context.Measure("intensity_std", std.Val0, 2);
        context.Measure("intensity_min", min, 2);
        context.Measure("intensity_max", max, 2);
        context.Measure("intensity_p05", p[0], 2);
        context.Measure("intensity_median", p[1], 2);
        context.Measure("intensity_p95", p[2], 2);

        Cv2.MeanStdDev(grey8, out var greyMean, out var greyStd);
        context.Measure("grey_mean", greyMean.Val0, 2);
        context.Measure("grey_std", greyStd.Val0, 2);
    }

    /// <summary>Nearest-neighbour sampling keeps statistics unbiased where area averaging would shrink the spread.</summary>
    private static Mat Subsample(Mat image)
    {
        var longest = Math.Max(image.Width, image.Height);
        if (longest <= MaxSide)
        {
            return image.Clone();
        }

        var step = (int)Math.Ceiling(longest / (double)MaxSide);
        var sampled = new Mat();
        Cv2.Resize(image, sampled, new Size(image.Width / step, image.Height / step), 0, 0, InterpolationFlags.Nearest);
        return sampled;
    }
}
