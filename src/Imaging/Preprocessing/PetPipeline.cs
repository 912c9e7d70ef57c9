using MedicalImaging.Imaging.Common;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Preprocessing;

/// <summary>
/// PET: SUVbw when the metadata carries units BQML, weight, dose, half-life and the injection-to-scan
/// interval (displayed SUV 0..<see cref="SuvDisplayMax"/>); otherwise robust percentile normalisation.
/// </summary>
internal static class PetPipeline
{
    public const double SuvDisplayMax = 10;

    public static DisplayImage Render(Mat source, DecodedImage image, PreprocessOptions options, IDictionary<string, string> parameters)
    {
        parameters["pipeline"] = "pet: SUVbw or percentile normalisation";
        using var luminance = PixelMats.Luminance(source);
        Mat display;
        if (SuvBodyWeight.Factor(image.Metadata) is { } factor)
        {
            parameters["suv"] = $"SUVbw factor {factor:G6} (Bq/ml → g/ml)";
            parameters["normalisation"] = $"SUV 0..{Invariant.F(SuvDisplayMax, 0)} → 0..255";
            display = IntensityMapping.Linear(luminance, 0, SuvDisplayMax / factor);
        }
        else
        {
            parameters["suv"] = "not computed (needs Units BQML, weight, dose, half-life and injection time)";
            display = IntensityMapping.Percentile(luminance, 0.5, 99.5, parameters);
        }

        Geometry.Fit(ref display, options.MaxDimension, parameters);
        return new DisplayImage(display);
    }
}
