using OpenCvSharp;

namespace MedicalImaging.Imaging.TextDetection;

/// <summary>Fills text regions, padded, with black.</summary>
public static class TextBlanker
{
    /// <summary>
    /// Blanks each region grown by a quarter of its height (at least <paramref name="minimumPadding"/> px)
    /// on every side: OCR boxes hug the glyphs, and anti-aliased edges or a missed accent must go too.
    /// </summary>
    /// <returns>The rectangles blanked, clipped to the image.</returns>
    public static IReadOnlyList<Rect> Blank(Mat image, IEnumerable<TextRegion> regions, int minimumPadding = 3)
    {
        ArgumentNullException.ThrowIfNull(image);
        var bounds = new Rect(0, 0, image.Width, image.Height);
        var blanked = new List<Rect>();
        foreach (var region in regions)
        {
            var pad = Math.Max(minimumPadding, region.Height / 4);
            var rect = new Rect(region.X - pad, region.Y - pad, region.Width + (2 * pad), region.Height + (2 * pad)) & bounds;
            if (rect.Width <= 0 || rect.Height <= 0)
            {
                continue;
            }

            image.Rectangle(rect, Scalar.All(0), thickness: -1);
            blanked.Add(rect);
        }

        return blanked;
    }
}
