using MedicalImaging.Imaging.Common;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Preprocessing;

/// <summary>Aspect-preserving resize to the provider's maximum (area interpolation; never enlarges).</summary>
internal static class Geometry
{
    public static Size FitSize(int width, int height, int maxDimension)
    {
        var longest = Math.Max(width, height);
        if (maxDimension <= 0 || longest <= maxDimension)
        {
            return new Size(width, height);
        }

        var scale = (double)maxDimension / longest;
        return new Size(Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }

    /// <summary>Resizes in place when needed and records the scale.</summary>
    public static void Fit(ref Mat image, int maxDimension, IDictionary<string, string> parameters)
    {
        var size = FitSize(image.Width, image.Height, maxDimension);
        parameters["scale"] = Invariant.F((double)size.Width / image.Width, 4);
        if (size.Width == image.Width && size.Height == image.Height)
        {
            return;
        }

        var resized = new Mat();
        Cv2.Resize(image, resized, size, 0, 0, InterpolationFlags.Area);
        image.Dispose();
        image = resized;
    }
}
