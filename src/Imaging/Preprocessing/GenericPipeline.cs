using MedicalImaging.Imaging.Common;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Preprocessing;

/// <summary>Anything else (OT, PNG/JPEG without a known modality): faithful display, colour kept, resized.</summary>
internal static class GenericPipeline
{
    public static DisplayImage Render(Mat source, DecodedImage image, PreprocessOptions options, IDictionary<string, string> parameters)
    {
        parameters["pipeline"] = "generic: display mapping only";
        var display = IntensityMapping.Display(source, image, parameters);
        if (display.Channels() == 1)
        {
            IntensityMapping.InvertIfMonochrome1(display, image, parameters);
        }

        Geometry.Fit(ref display, options.MaxDimension, parameters);
        if (display.Channels() == 1)
        {
            return new DisplayImage(display);
        }

        var grey = new Mat();
        Cv2.CvtColor(display, grey, ColorConversionCodes.RGB2GRAY);
        parameters["channels"] = "RGB (grey view = luma)";
        return new DisplayImage(display, grey);
    }
}
