using MedicalImaging.Imaging.Heatmaps;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Tests.Heatmaps;

public sealed class ColourLookupTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(9, 3)]
    [InlineData(203, 17)]
    public void Blend_AnyScores_EqualsOpenCvColourMapWeightedAddAndColdMask(int width, int height)
    {
        using var score = Noise(width, height);
        using var grey = Noise(width, height);
        using var canvas = new Mat(height, width + 5, MatType.CV_8UC3, Scalar.All(0));
        using var overlay = new Mat(canvas, new Rect(0, 0, width, height));

        ColourLookup.Blend(score, grey, overlay);

        using var expected = Reference(score, grey);
        Assert.Equal(0, Cv2.Norm(expected, overlay, NormTypes.INF));
        using var beside = new Mat(canvas, new Rect(width, 0, 5, height));
        Assert.Equal(0, Cv2.CountNonZero(beside.Reshape(1)));
    }

    /// <summary>OpenCV's JET colour map (in RGB), addWeighted at the overlay's opacity, grey copied back where cold.</summary>
    private static Mat Reference(Mat score, Mat grey)
    {
        using var bgr = new Mat();
        Cv2.ApplyColorMap(score, bgr, ColormapTypes.Jet);
        using var colour = new Mat();
        Cv2.CvtColor(bgr, colour, ColorConversionCodes.BGR2RGB);
        using var greyRgb = new Mat();
        Cv2.CvtColor(grey, greyRgb, ColorConversionCodes.GRAY2RGB);
        var blended = new Mat();
        Cv2.AddWeighted(colour, HeatmapRenderer.Opacity, greyRgb, 1 - HeatmapRenderer.Opacity, 0, blended);
        using var cold = new Mat();
        Cv2.Threshold(score, cold, HeatmapRenderer.ColdLevel, 255, ThresholdTypes.BinaryInv);
        greyRgb.CopyTo(blended, cold);
        return blended;
    }

    private static Mat Noise(int width, int height)
    {
        var image = new Mat(height, width, MatType.CV_8UC1);
        Cv2.Randu(image, Scalar.All(0), Scalar.All(256));
        return image;
    }
}
