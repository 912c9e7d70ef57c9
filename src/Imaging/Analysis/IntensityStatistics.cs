using MedicalImaging.Imaging.Common;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Analysis;

/// <summary>Intensity statistics in modality units (HU for CT) and of the display grey view.</summary>
internal static class IntensityStatistics
{
    private const int MaxSide = 1024;

    public static void Measure(Mat modality, Mat grey8, AnalysisContext context)
    {
        using var sample = Sampling.Nearest(modality, MaxSide);
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
}
