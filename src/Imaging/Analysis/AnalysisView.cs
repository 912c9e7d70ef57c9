using MedicalImaging.Imaging.Common;
using MedicalImaging.Imaging.Preprocessing;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Analysis;

/// <summary>
/// The 8-bit view measurements are taken on. Usually the preprocessed grey view; for radiographs,
/// whose provider image has CLAHE (which evens out regional brightness — exactly what a left/right
/// comparison or a contrast check must see), the same normalisation, inversion and border crop
/// without CLAHE, from a ≤1024-pixel sample of the source.
/// </summary>
internal static class AnalysisView
{
    private const int MaxSide = 1024;

    public static Mat For(Mat luminance, DecodedImage image, Mat grey8)
    {
        if (ModalityRouting.For(image) != ModalityRoute.Radiograph)
        {
            return new Mat(grey8, new Rect(0, 0, grey8.Width, grey8.Height));
        }

        using var sample = Sampling.Nearest(luminance, MaxSide);
        var scratch = new Dictionary<string, string>();
        var view = IntensityMapping.Display(sample, image, scratch);
        IntensityMapping.InvertIfMonochrome1(view, image, scratch);
        if (BorderCrop.Find(view) is { } crop)
        {
            var cropped = new Mat(view, crop);
            view.Dispose();
            view = cropped;
        }

        return view;
    }
}
