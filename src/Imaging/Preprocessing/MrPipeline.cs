using MedicalImaging.Imaging.Common;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Preprocessing;

/// <summary>MR: arbitrary units, so robust percentile normalisation (p0.5..p99.5) then resize.</summary>
internal static class MrPipeline
{
    public static DisplayImage Render(Mat source, DecodedImage image, PreprocessOptions options, IDictionary<string, string> parameters)
    {
        parameters["pipeline"] = "mr: robust percentile normalisation";
        using var luminance = PixelMats.Luminance(source);
        var display = IntensityMapping.Percentile(luminance, 0.5, 99.5, parameters);
        IntensityMapping.InvertIfMonochrome1(display, image, parameters);
        Geometry.Fit(ref display, options.MaxDimension, parameters);
        return new DisplayImage(display);
    }
}
