using OpenCvSharp;

namespace MedicalImaging.Imaging.Detection;

/// <summary>The lung fields of a grey view for <see cref="FocalLesionDetector"/>: dark regions enclosed by the body.</summary>
internal static class LungFields
{
    /// <summary>Each label's bounding box and pixel count (what ConnectedComponentsWithStats gives, which took
    /// eight times as long as the labelling itself).</summary>
    private static unsafe (int X, int Y, int Width, int Height, int Area)[] ComponentBoxes(Mat labels, int count)
    {
        var left = new int[count];
        var top = new int[count];
        var right = new int[count];
        var bottom = new int[count];
        var area = new int[count];
        Array.Fill(left, int.MaxValue);
        Array.Fill(top, int.MaxValue);
        Array.Fill(right, -1);
        Array.Fill(bottom, -1);
        var width = labels.Width;
        var height = labels.Height;
        for (var y = 0; y < height; y++)
        {
            var row = (int*)labels.Ptr(y);
            var x = 0;
            while (x < width)
            {
                // A run of one label at a time: the fields are wide, so this touches each box a few times per row.
                var label = row[x];
                var start = x;
                while (x < width && row[x] == label)
                {
                    x++;
                }

                area[label] += x - start;
                left[label] = Math.Min(left[label], start);
                right[label] = Math.Max(right[label], x - 1);
                top[label] = Math.Min(top[label], y);
                bottom[label] = Math.Max(bottom[label], y);
            }
        }

        var boxes = new (int X, int Y, int Width, int Height, int Area)[count];
        for (var i = 0; i < count; i++)
        {
            boxes[i] = area[i] == 0 ? default : (left[i], top[i], right[i] - left[i] + 1, bottom[i] - top[i] + 1, area[i]);
        }

        return boxes;
    }

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
        using var labels = new Mat();
        var count = Cv2.ConnectedComponents(dark, labels, PixelConnectivity.Connectivity8);
        var boxes = ComponentBoxes(labels, count);
        var fields = new Mat(work.Size(), MatType.CV_8UC1, Scalar.All(0));
        var minArea = minFieldArea * work.Width * work.Height;
        var side = Math.Max(3, ((int)(0.08 * work.Width)) | 1);
        var closeDisc = DiscClosing.HalfWidths(side);
        var whole = new Rect(0, 0, work.Width, work.Height);
        for (var i = 1; i < count; i++)
        {
            var (x, y, w, h, area) = boxes[i];
            if (x == 0 || y == 0 || x + w >= work.Width || y + h >= work.Height || area < minArea)
            {
                continue;
            }

            // Filled (a blob brighter than the split is a hole) and closed (one at the field's edge is a notch) one
            // field at a time, so the two lungs never merge across the mediastinum. Within the field's box widened
            // by the disc's width: the closing cannot reach further, so this equals doing it on the whole image.
            var region = new Rect(x - side, y - side, w + (2 * side), h + (2 * side)).Intersect(whole);
            using var regionLabels = new Mat(labels, region);
            using var component = new Mat();
            Cv2.Compare(regionLabels, Scalar.All(i), component, CmpTypes.EQ);
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
