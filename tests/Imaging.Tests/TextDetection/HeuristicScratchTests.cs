using MedicalImaging.Imaging.TextDetection;
using OpenCvSharp;
using Xunit.Abstractions;

namespace MedicalImaging.Imaging.Tests.TextDetection;

public sealed class HeuristicScratchTests(ITestOutputHelper output)
{
    [Fact]
    public void ScratchHeuristic()
    {
        using var image = BurnedInTextImages.Photo(0.5, new Point(200, 120), new Point(40, 420)).CvtColor(ColorConversionCodes.BGR2GRAY);
        using var grey = image.Clone();
        using var strokeKernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(15, 15));
        using var bright = new Mat();
        Cv2.MorphologyEx(grey, bright, MorphTypes.TopHat, strokeKernel);
        using var mask = new Mat();
        Cv2.Threshold(bright, mask, 80, 255, ThresholdTypes.Binary);
        using var joinKernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(9, 3));
        using var lines = new Mat();
        Cv2.MorphologyEx(mask, lines, MorphTypes.Close, joinKernel);
        Cv2.FindContours(lines, out var contours, out _, RetrievalModes.External, ContourApproximationModes.ApproxSimple);
        foreach (var c in contours)
        {
            var box = Cv2.BoundingRect(c);
            if (box.Y > 395 && box.Y < 430 && box.X < 200) { output.WriteLine(box.ToString()); }
        }
        output.WriteLine(string.Join("\n", OverlayTextHeuristic.Find(grey)));
    }
}
