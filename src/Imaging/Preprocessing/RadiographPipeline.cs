using MedicalImaging.Imaging.Common;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Preprocessing;

/// <summary>
/// Projection radiography (CR, DX, MG…): robust normalisation, MONOCHROME1 inversion,
/// collimation/border crop, resize, then CLAHE at output size (so its tiles mean the same
/// anatomy whatever the detector resolution).
/// </summary>
internal static class RadiographPipeline
{
    public const double ClaheClipLimit = 2.0;
    public const int ClaheTiles = 8;

    public static DisplayImage Render(Mat source, DecodedImage image, PreprocessOptions options, IDictionary<string, string> parameters)
    {
        parameters["pipeline"] = "radiograph: normalise, MONOCHROME1 inversion, border crop, CLAHE";
        using var luminance = PixelMats.Luminance(source);
        var display = IntensityMapping.Display(luminance, image, parameters);
        try
        {
            IntensityMapping.InvertIfMonochrome1(display, image, parameters);
            var crop = BorderCrop.Find(display);
            PixelCrop? kept = null;
            if (crop is { } rect)
            {
                parameters["crop"] = Invariant.Box(rect) + " (uniform collimation/border removed)";
                // A header over the cropped area; the pixels stay alive while it does.
                kept = new PixelCrop(rect.X, rect.Y, rect.Width, rect.Height);
                var cropped = new Mat(display, rect);
                display.Dispose();
                display = cropped;
            }
            else
            {
                parameters["crop"] = "none";
            }

            Geometry.Fit(ref display, options.MaxDimension, parameters);
            using var clahe = Cv2.CreateCLAHE(ClaheClipLimit, new Size(ClaheTiles, ClaheTiles));
            clahe.Apply(display, display);
            parameters["clahe"] = $"clip {Invariant.F(ClaheClipLimit)}, tiles {ClaheTiles}x{ClaheTiles}";
            var result = new DisplayImage(display) { Crop = kept };
            display = null!;
            return result;
        }
        finally
        {
            display?.Dispose();
        }
    }
}
