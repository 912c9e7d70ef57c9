using MedicalImaging.Imaging.Common;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Analysis;

/// <summary>PET with SUVbw metadata: SUVmax and mean SUV of the voxels above SUV 1 (an uptake-bearing region).</summary>
internal static class PetUptake
{
    public static void Measure(Mat activity, ImageMetadata metadata, AnalysisContext context)
    {
        if (SuvBodyWeight.Factor(metadata) is not { } factor)
        {
            return;
        }

        using var suv = new Mat();
        activity.ConvertTo(suv, MatType.CV_32FC1, factor);
        Cv2.MinMaxLoc(suv, out _, out double max);
        using var uptake = new Mat();
        Cv2.Threshold(suv, uptake, 1, 255, ThresholdTypes.Binary);
        using var mask = new Mat();
        uptake.ConvertTo(mask, MatType.CV_8UC1);
        context.Measure("pet_suv_max", max, 3);
        context.Measure("pet_suv_mean_above_1", Cv2.CountNonZero(mask) > 0 ? Cv2.Mean(suv, mask).Val0 : 0, 3);
    }
}
