using OpenCvSharp;

namespace MedicalImaging.Imaging.TextDetection;

/// <summary>
/// The recall safety net behind OCR: lines of thin, high-contrast strokes on a flat background — what
/// scanner overlays and labels look like — whether or not Tesseract could read them (tiny, stylised or
/// partly clipped glyphs). Anatomy and speckle rarely qualify: their surroundings are not flat.
/// </summary>
internal static class OverlayTextHeuristic
{
    /// <summary>Stroke contrast against the local background (grey levels) to count as a glyph stroke.</summary>
    private const double StrokeContrast = 80;

    /// <summary>Largest standard deviation of the background around the strokes (flat = overlay).</summary>
    private const double FlatBackgroundStdDev = 16;

    public static List<TextRegion> Find(Mat grey)
    {
        var regions = new List<TextRegion>();
        using var strokeKernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(15, 15));
        // Each polarity alone: light-on-dark (top-hat) and dark-on-light (black-hat). Together, the gaps
        // between light glyphs would count as dark strokes and every line would look solid.
        foreach (var polarity in new[] { MorphTypes.TopHat, MorphTypes.BlackHat })
        {
            using var strokes = new Mat();
            Cv2.MorphologyEx(grey, strokes, polarity, strokeKernel);
            FindLines(grey, strokes, regions);
        }

        return regions;
    }

    /// <summary>
    /// Text-line boxes of thin high-contrast strokes inside <paramref name="box"/>, with no demand on the
    /// background: used to tighten an OCR word box that swallowed its surroundings (glyphs touching a
    /// sector edge made Tesseract box a quarter of the image). Empty when no stroke line is there.
    /// </summary>
    public static List<TextRegion> LinesWithin(Mat grey, Rect box)
    {
        var regions = new List<TextRegion>();
        var area = new Rect(box.X - 8, box.Y - 8, box.Width + 16, box.Height + 16) & new Rect(0, 0, grey.Width, grey.Height);
        using var part = new Mat(grey, area);
        using var strokeKernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(15, 15));
        foreach (var polarity in new[] { MorphTypes.TopHat, MorphTypes.BlackHat })
        {
            using var strokes = new Mat();
            Cv2.MorphologyEx(part, strokes, polarity, strokeKernel);
            FindLines(part, strokes, regions, requireFlatBackground: false);
        }

        return regions.Select(r => r with { X = r.X + area.X, Y = r.Y + area.Y }).ToList();
    }

    private static void FindLines(Mat grey, Mat strokes, List<TextRegion> regions, bool requireFlatBackground = true)
    {
        using var mask = new Mat();
        Cv2.Threshold(strokes, mask, StrokeContrast, 255, ThresholdTypes.Binary);

        // Glyphs of a word sit a stroke or two apart: a wide, short closing joins them into one line.
        using var joinKernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(9, 3));
        using var lines = new Mat();
        Cv2.MorphologyEx(mask, lines, MorphTypes.Close, joinKernel);
        Cv2.FindContours(lines, out var contours, out _, RetrievalModes.External, ContourApproximationModes.ApproxSimple);
        using var aroundKernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(3, 3));
        foreach (var contour in contours)
        {
            var box = Cv2.BoundingRect(contour);
            if (box.Height < 5 || box.Height > 64 || box.Width < box.Height * 1.5)
            {
                continue;
            }

            using var glyphs = new Mat(mask, box);
            var fill = Cv2.CountNonZero(glyphs) / (double)(box.Width * box.Height);
            if (fill is < 0.08 or > 0.7)
            {
                continue;
            }

            using var labels = new Mat();
            if (Cv2.ConnectedComponents(glyphs, labels) - 1 < 2)
            {
                continue;
            }

            if (!requireFlatBackground)
            {
                regions.Add(new TextRegion(box.X, box.Y, box.Width, box.Height, 0, string.Empty, "ocr-strokes"));
                continue;
            }

            // The background is judged on the box grown by a few pixels, glyphs (and their anti-aliased
            // rims) excluded: a label or overlay margin is flat, tissue and photo texture are not.
            var around = new Rect(box.X - 3, box.Y - 3, box.Width + 6, box.Height + 6) & new Rect(0, 0, grey.Width, grey.Height);
            using var aroundGlyphs = new Mat(mask, around);
            using var near = new Mat();
            Cv2.Dilate(aroundGlyphs, near, aroundKernel);
            using var background = new Mat();
            Cv2.BitwiseNot(near, background);
            if (Cv2.CountNonZero(background) < around.Width * around.Height / 6)
            {
                continue;
            }

            using var pixels = new Mat(grey, around);
            Cv2.MeanStdDev(pixels, out _, out var deviation, background);
            if (deviation.Val0 <= FlatBackgroundStdDev)
            {
                regions.Add(new TextRegion(box.X, box.Y, box.Width, box.Height, 0, string.Empty, "heuristic"));
            }
        }
    }
}
