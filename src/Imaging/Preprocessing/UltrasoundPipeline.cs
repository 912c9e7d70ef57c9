using MedicalImaging.Imaging.Common;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Preprocessing;

/// <summary>
/// Ultrasound: the scan sector is the largest connected non-black region after an opening that
/// breaks thin UI text and rulers off it; everything outside it (annotations, logos, calipers
/// around the sector) is blanked and the image cropped to the sector; a median filter reduces
/// speckle; then resize.
/// </summary>
internal static class UltrasoundPipeline
{
    public const int SpeckleKernel = 5;
    private const double BlackLevel = 8;

    public static DisplayImage Render(Mat source, DecodedImage image, PreprocessOptions options, IDictionary<string, string> parameters)
    {
        parameters["pipeline"] = "ultrasound: UI frame removal, speckle reduction";
        var display = IntensityMapping.Display(source, image, parameters);
        try
        {
            PixelCrop? crop;
            using (var grey = PixelMats.Luminance(display))
            {
                crop = RemoveFrame(ref display, grey, parameters);
            }

            Cv2.MedianBlur(display, display, SpeckleKernel);
            parameters["speckle"] = $"median {SpeckleKernel}x{SpeckleKernel}";
            Geometry.Fit(ref display, options.MaxDimension, parameters);
            Mat? luma = display.Channels() == 3 ? PixelMats.Luminance(display) : null;
            var result = new DisplayImage(display, luma) { Crop = crop };
            display = null!;
            return result;
        }
        finally
        {
            display?.Dispose();
        }
    }

    private static PixelCrop? RemoveFrame(ref Mat display, Mat grey, IDictionary<string, string> parameters)
    {
        using var foreground = new Mat();
        Cv2.Threshold(grey, foreground, BlackLevel, 255, ThresholdTypes.Binary);
        using var kernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(7, 7));
        Cv2.MorphologyEx(foreground, foreground, MorphTypes.Open, kernel);
        var largest = Analysis.ConnectedRegions.Largest(foreground, 1, wantMask: true);
        using var sector = largest.Mask!;
        var total = (double)grey.Width * grey.Height;
        if (largest.Area < total * 0.1)
        {
            parameters["ui_frame"] = "no sector found; image kept whole";
            return null;
        }

        var rect = largest.Box;
        var bestArea = largest.Area;
        using var dilated = new Mat();
        Cv2.Dilate(sector, dilated, kernel);
        using var outside = new Mat();
        Cv2.BitwiseNot(dilated, outside);
        var blanked = Cv2.CountNonZero(foreground) - bestArea;
        display.SetTo(Scalar.All(0), outside);
        parameters["ui_frame"] = $"sector {Invariant.Box(rect)}; {blanked} UI pixels outside it blanked";
        if (rect.Width < grey.Width || rect.Height < grey.Height)
        {
            // A header over the cropped area; the pixels stay alive while it does.
                var cropped = new Mat(display, rect);
            display.Dispose();
            display = cropped;
            parameters["crop"] = Invariant.Box(rect) + " (sector bounding box)";
            return new PixelCrop(rect.X, rect.Y, rect.Width, rect.Height);
        }

        return null;
    }
}
