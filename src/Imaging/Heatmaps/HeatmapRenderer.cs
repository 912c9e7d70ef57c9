using OpenCvSharp;

namespace MedicalImaging.Imaging.Heatmaps;

/// <summary>
/// Draws the map as a colour overlay on the grey view (half-opaque colour where the score is above
/// 15% of its scale, the plain image below, so unremarkable anatomy stays readable), outlines the hottest region and reported boxes, and adds
/// a legend: a colour bar from low to high and a caption.
/// </summary>
internal static class HeatmapRenderer
{
    private const int LegendWidth = 56;
    private const int CaptionHeight = 20;

    /// <summary>Longest side of the rendered overlay: twice the map's own resolution, and a quarter of the PNG cost of 1024.</summary>
    public const int MaxRenderSide = 512;

    /// <summary>Smaller images are enlarged to this longest side so the overlay stays legible.</summary>
    public const int MinRenderSide = 256;

    /// <summary>Opacity of the colour layer where it is drawn.</summary>
    public const double Opacity = 0.5;

    /// <summary>Scores at or below this (of 255) leave the image uncoloured.</summary>
    public const int ColdLevel = 38;

    /// <summary>The canvas is at least this tall so the legend fits beside very wide images.</summary>
    private const int MinCanvasHeight = 120;

    public static byte[] Render(Mat greyFull, Mat map, NormalizedBox hottest, IReadOnlyList<RegionOfInterest> regions, string caption)
    {
        var size = RenderSize(greyFull.Size());
        using var resized = new Mat();
        var grey8 = greyFull;
        if (size != greyFull.Size())
        {
            Cv2.Resize(greyFull, resized, size, 0, 0, InterpolationFlags.Area);
            grey8 = resized;
        }

        using var mapSmall8 = new Mat();
        map.ConvertTo(mapSmall8, MatType.CV_8UC1, 255);
        using var map8 = new Mat();
        Cv2.Resize(mapSmall8, map8, size, 0, 0, InterpolationFlags.Linear);

        // The canvas is RGB (what the PNG writer takes). Colour at fixed opacity where the score is
        // above the cold level, the plain image elsewhere, so unremarkable anatomy stays readable.
        using var canvas = new Mat(Math.Max(size.Height, MinCanvasHeight) + CaptionHeight, size.Width + LegendWidth, MatType.CV_8UC3, Scalar.All(0));
        using (var overlay = new Mat(canvas, new Rect(0, 0, size.Width, size.Height)))
        {
            ColourLookup.Blend(map8, grey8, overlay);
            foreach (var region in regions)
            {
                Cv2.Rectangle(overlay, RegionFusion.ToPixels(region.Box, size), new Scalar(0, 255, 255), 1);
            }

            Cv2.Rectangle(overlay, RegionFusion.ToPixels(hottest, size), Scalar.All(255), 2);
        }

        DrawLegend(canvas, size.Width, canvas.Height - CaptionHeight);
        Cv2.PutText(canvas, caption, new Point(4, canvas.Height - 6), HersheyFonts.HersheySimplex, 0.4, Scalar.All(230), 1, LineTypes.AntiAlias);
        return Common.PngEncoding.Encode(canvas, isRgb: true, Common.PngSpeed.Fastest);
    }

    private static Size RenderSize(Size source)
    {
        var longest = Math.Max(source.Width, source.Height);
        if (longest >= MinRenderSide)
        {
            return Preprocessing.Geometry.FitSize(source.Width, source.Height, MaxRenderSide);
        }

        var scale = (double)MinRenderSide / longest;
        return new Size(Math.Max(1, (int)Math.Round(source.Width * scale)), Math.Max(1, (int)Math.Round(source.Height * scale)));
    }

    private static void DrawLegend(Mat canvas, int imageWidth, int areaHeight)
    {
        var top = 18;
        var height = areaHeight - 36;
        for (var y = 0; y < height; y++)
        {
            var level = 255 - (255 * y / Math.Max(1, height - 1));
            Cv2.Line(canvas, new Point(imageWidth + 8, top + y), new Point(imageWidth + 21, top + y), ColourLookup.Colour(level));
        }

        Cv2.PutText(canvas, "high", new Point(imageWidth + 6, top - 5), HersheyFonts.HersheySimplex, 0.35, Scalar.All(255), 1, LineTypes.AntiAlias);
        Cv2.PutText(canvas, "low", new Point(imageWidth + 6, top + height + 12), HersheyFonts.HersheySimplex, 0.35, Scalar.All(255), 1, LineTypes.AntiAlias);
    }
}
