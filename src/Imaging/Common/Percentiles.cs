using OpenCvSharp;

namespace MedicalImaging.Imaging.Common;

/// <summary>Approximate percentiles of a single-channel image from a fine histogram (vectorised, no sort).</summary>
internal static class Percentiles
{
    private const int Bins = 4096;
    private const int MaxSampleSide = 512;

    /// <summary>
    /// Percentiles (0..100) of <paramref name="image"/> (CV_32FC1 or CV_8UC1); big images are sampled on
    /// a ≤512-pixel grid first. Accuracy is one histogram bin: (max − min) / 4096.
    /// </summary>
    public static double[] Compute(Mat image, Mat? mask, params ReadOnlySpan<double> percents)
    {
        using var sample = Subsample(image);
        using var sampleMask = mask is null ? null : Subsample(mask);
        using var noMask = new Mat();
        var effectiveMask = sampleMask ?? noMask;
        using var asFloat = new Mat();
        sample.ConvertTo(asFloat, MatType.CV_32FC1);
        Cv2.MinMaxLoc(asFloat, out var min, out var max, out _, out _, effectiveMask);
        var result = new double[percents.Length];
        if (!(max > min))
        {
            Array.Fill(result, min);
            return result;
        }

        using var histogram = new Mat();
        var upper = (float)(max + ((max - min) / Bins * 0.5));
        Cv2.CalcHist([asFloat], [0], effectiveMask, histogram, 1, [Bins], [new Rangef((float)min, upper)]);
        var counts = new float[Bins];
        histogram.GetArray(out float[] values);
        values.CopyTo(counts, 0);
        double total = 0;
        foreach (var c in counts)
        {
            total += c;
        }

        var binWidth = (upper - min) / Bins;
        for (var p = 0; p < percents.Length; p++)
        {
            var target = Math.Clamp(percents[p], 0, 100) / 100 * total;
            double cumulative = 0;
            var bin = 0;
            for (; bin < Bins - 1; bin++)
            {
                if (cumulative + counts[bin] >= target)
                {
                    break;
                }

                cumulative += counts[bin];
            }

            var within = counts[bin] > 0 ? (target - cumulative) / counts[bin] : 0.5;
            result[p] = min + ((bin + Math.Clamp(within, 0, 1)) * binWidth);
        }

        return result;
    }

    private static Mat Subsample(Mat image)
    {
        var longest = Math.Max(image.Width, image.Height);
        if (longest <= MaxSampleSide)
        {
            return image.Clone();
        }

        var step = (int)Math.Ceiling(longest / (double)MaxSampleSide);
        var sampled = new Mat();
        Cv2.Resize(image, sampled, new Size(image.Width / step, image.Height / step), 0, 0, InterpolationFlags.Nearest);
        return sampled;
    }
}
