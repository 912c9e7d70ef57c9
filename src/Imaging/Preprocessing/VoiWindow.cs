using OpenCvSharp;

namespace MedicalImaging.Imaging.Preprocessing;

/// <summary>
/// The DICOM linear VOI window (PS3.3 C.11.2.1.2.1) onto 0..255:
/// x ≤ c − 0.5 − (w − 1)/2 → 0; x &gt; c − 0.5 + (w − 1)/2 → 255;
/// otherwise ((x − (c − 0.5)) / (w − 1) + 0.5) × 255, rounded to the nearest grey level.
/// </summary>
public static class VoiWindow
{
    /// <summary>The grey level one value maps to (the reference the vectorised path is tested against).</summary>
    public static byte Map(double value, double center, double width)
    {
        if (width <= 1)
        {
            return value <= center - 0.5 ? (byte)0 : (byte)255;
        }

        var low = center - 0.5 - ((width - 1) / 2);
        var high = center - 0.5 + ((width - 1) / 2);
        if (value <= low)
        {
            return 0;
        }

        if (value > high)
        {
            return 255;
        }

        var y = (((value - (center - 0.5)) / (width - 1)) + 0.5) * 255;
        return (byte)Math.Clamp(Math.Round(y, MidpointRounding.ToEven), 0, 255);
    }

    /// <summary>Windows a CV_32FC1 image into a CV_8UC1 one in a single saturating linear pass.</summary>
    internal static void Apply(Mat source, Mat destination, WindowPreset window)
    {
        if (window.Width <= 1)
        {
            using var binary = new Mat();
            Cv2.Threshold(source, binary, window.Center - 0.5, 255, ThresholdTypes.Binary);
            binary.ConvertTo(destination, MatType.CV_8UC1);
            return;
        }

        // The linear branch, extended, is ≤ 0 below the window and > 255 above it, so saturation
        // gives exactly the DICOM clamps.
        var alpha = 255 / (window.Width - 1);
        var beta = (0.5 - ((window.Center - 0.5) / (window.Width - 1))) * 255;
        source.ConvertTo(destination, MatType.CV_8UC1, alpha, beta);
    }
}
