using OpenCvSharp;

namespace MedicalImaging.Imaging.Detection;

/// <summary>The lung fields of a grey view for <see cref="FocalLesionDetector"/>: dark regions enclosed by the body.</summary>
internal static class LungFields
{
    /// <summary>Dark regions enclosed by the body: Otsu split of the lightly smoothed view, dark components not
    /// touching the border and not tiny, filled, closed, and eroded by a thin rim (255 inside).</summary>
    public static Mat Find(Mat work, double minFieldArea)
    {
        using var smooth = new Mat();
        Cv2.GaussianBlur(work, smooth, new Size(0, 0), 2);
        using var smooth8 = new Mat();
        smooth.ConvertTo(smooth8, MatType.CV_8UC1);
        using var dark = new Mat();
        Cv2.Threshold(smooth8, dark, 0, 255, ThresholdTypes.BinaryInv | ThresholdTypes.Otsu);
        var components = RunComponents.Find(dark);
        var fields = new Mat(work.Size(), MatType.CV_8UC1, Scalar.All(0));
        var minArea = minFieldArea * work.Width * work.Height;
        var side = Math.Max(3, ((int)(0.08 * work.Width)) | 1);
        var closeDisc = DiscClosing.HalfWidths(side);
        var whole = new Rect(0, 0, work.Width, work.Height);
        for (var i = 0; i < components.Components.Count; i++)
        {
            var ((x, y, w, h), area) = components.Components[i];
            if (x == 0 || y == 0 || x + w >= work.Width || y + h >= work.Height || area < minArea)
            {
                continue;
            }

            // Filled (a blob brighter than the split is a hole) and closed (one at the field's edge is a notch) one
            // field at a time, so the two lungs never merge across the mediastinum. Within the field's box widened
            // by the disc's width: the closing cannot reach further, so this equals doing it on the whole image.
            var region = new Rect(x - side, y - side, w + (2 * side), h + (2 * side)).Intersect(whole);
            using var component = new Mat(region.Size, MatType.CV_8UC1, Scalar.All(0));
            components.Draw(i, component, region.Location);
            Cv2.FindContours(component, out var contours, out _, RetrievalModes.External, ContourApproximationModes.ApproxSimple);
            component.SetTo(Scalar.All(0));
            Cv2.DrawContours(component, contours, -1, Scalar.All(255), -1);
            using var regionFields = new Mat(fields, region);
            DiscClosing.CloseInto(component, regionFields, closeDisc);
        }

        using var rim = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(5, 5));
        Cv2.Erode(fields, fields, rim);
        return fields;
    }
}
