using OpenCvSharp;

namespace MedicalImaging.Imaging.Common;

/// <summary>Cheap views of big images for statistics.</summary>
internal static class Sampling
{
    /// <summary>
    /// A header over the same pixels when the longest side is ≤ <paramref name="maxSide"/>, else a
    /// nearest-neighbour sample on a regular grid (unbiased for statistics, unlike area averaging,
    /// which shrinks the spread). The caller disposes the result.
    /// </summary>
    public static Mat Nearest(Mat image, int maxSide)
    {
        var longest = Math.Max(image.Width, image.Height);
        if (longest <= maxSide)
        {
            return new Mat(image, new Rect(0, 0, image.Width, image.Height));
        }

        var step = (int)Math.Ceiling(longest / (double)maxSide);
        var sampled = new Mat();
        Cv2.Resize(image, sampled, new Size(Math.Max(1, image.Width / step), Math.Max(1, image.Height / step)), 0, 0, InterpolationFlags.Nearest);
        return sampled;
    }
}
