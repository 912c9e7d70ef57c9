using MedicalImaging.Imaging.Common;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Detection;

/// <summary>
/// Noise-relative detector of a focal bright blob (a nodule-like lesion) inside the lung fields of the preprocessed
/// grey view. Why not the heatmap peak: the heatmap is on an absolute grey-level scale, so a lesion that is plainly
/// visible against low noise (3–6 σ) never reaches its threshold while bright anatomy does; here the test statistic is
/// relative to the image's own noise.
/// Steps, on a ≤ <see cref="WorkingSide"/>-pixel copy: (1) lung fields = the dark regions enclosed by the body (dark
/// connected components not touching the image border, holes filled, notches closed, a thin rim eroded so the
/// lung/body edge never counts); (2) at several scales (radius 1–5.6 % of the width, √2 apart) a centre-surround
/// matched filter (Gaussian mean of the centre minus Gaussian mean of the surround), both as normalised convolutions
/// over the lung mask only, so the bright body, ribs-free phantom edges and borders do not bleed in; (3) each scale's
/// response divided by its robust noise σ (1.4826 × MAD over the mask, which a small blob barely moves); (4) the
/// strongest response over scales and positions is a lesion when it exceeds <see cref="Threshold"/> σ and
/// <see cref="MinContrast"/> grey levels; its box is the centre ± the scale's radius. Only brighter-than-lung blobs
/// are sought (lesions in aerated lung are denser). Stateless and thread-safe. Calibrated on seeded phantoms
/// (docs/BENCHMARKS.md), not on clinical images.
/// Cost: the lung fields are closed on row runs (<see cref="DiscClosing"/>), and the filters run on a Gaussian pyramid of the lung fields' bounding box (<see cref="MaskedPyramid"/>): a
/// scale's response is evaluated on the coarsest grid on which its centre Gaussian is still ≥
/// <see cref="MinGridSigma"/> grid pixels wide (its response is smooth there, so the coarser grid loses little of
/// the peak; the extent's peaks are refined between grid points), and its surround one level coarser and
/// interpolated back, so no blur is wider than ~25 taps; the MAD is found by selection, not sorting.
/// </summary>
public static class FocalLesionDetector
{
    /// <summary>Longest side of the working copy (pixels).</summary>
    public const int WorkingSide = 256;

    /// <summary>Significance (robust σ of the matched-filter response) from which a blob is reported. Calibrated on phantom
    /// seed 1 (200 lesion + 100 lesion-free per class): lesion-free images peak at ≤ 4.7, lesions at ≥ 11.</summary>
    public const double Threshold = 7.0;

    /// <summary>Smallest centre-minus-surround excess (grey levels) reported, so an almost noise-free flat field does not turn quantisation steps into lesions.</summary>
    public const double MinContrast = 1.5;

    /// <summary>Smallest lung field counted (share of the working image).</summary>
    public const double MinFieldArea = 0.01;

    /// <summary>Share of the strongest response (over scales, near the blob) a scale must keep to count as fitting inside the blob.</summary>
    public const double ExtentShare = 0.6;

    /// <summary>Smallest centre-Gaussian σ, in pixels of a pyramid level, at which a scale is evaluated on that level.</summary>
    internal const double MinGridSigma = 1.4;

    private static readonly double[] RadiusShares = [0.01, 0.014, 0.02, 0.028, 0.04, 0.056];

    /// <summary>The strongest focal blob in the lung fields of <paramref name="grey8"/>, or null when none passes.</summary>
    public static FocalLesion? Detect(byte[] grey8, int width, int height) => Detect(grey8, width, height, Threshold, out _);

    /// <summary>As <see cref="Detect(byte[], int, int)"/> with another significance threshold (calibration: 0 gives
    /// the strongest blob whatever its significance); <paramref name="searched"/> says whether lung fields were found
    /// and searched (false: the image has none, so a null result says nothing).</summary>
    public static FocalLesion? Detect(byte[] grey8, int width, int height, double threshold, out bool searched)
    {
        searched = false;
        ArgumentNullException.ThrowIfNull(grey8);
        using var work = WorkingCopy(grey8, width, height);
        using var mask = LungFields.Find(work, MinFieldArea);
        var maskPixels = Cv2.CountNonZero(mask);
        if (maskPixels < MinFieldArea * work.Width * work.Height)
        {
            return null;
        }

        searched = true;
        var radii = RadiusShares.Select(share => Math.Max(1.5, share * work.Width)).ToArray();
        var levels = radii.Select(radius => GridLevel(0.6 * radius)).ToArray();
        using var pyramid = new MaskedPyramid(work, mask, levels.Max() + 1);
        var responses = new List<ScaleResponse>(radii.Length);
        try
        {
            double bestSignificance = 0, bestContrast = 0;
            var bestAt = default(Point);
            for (var i = 0; i < radii.Length; i++)
            {
                var response = pyramid.Response(radii[i], levels[i]);
                responses.Add(response);
                if (response.Sigma <= 0)
                {
                    continue;
                }

                var significance = response.Peak / response.Sigma;
                if (response.Peak >= MinContrast && significance >= threshold && significance > bestSignificance)
                {
                    (bestSignificance, bestContrast, bestAt) = (significance, response.Peak, response.PeakAt);
                }
            }

            if (bestContrast == 0)
            {
                return null;
            }

            var (size, where) = Extent(responses, bestAt);
            var box = new NormalizedBox(
                Math.Clamp((where.X + 0.5 - size) / work.Width, 0, 1), Math.Clamp((where.Y + 0.5 - size) / work.Height, 0, 1),
                2 * size / work.Width, 2 * size / work.Height);
            return new FocalLesion(box, bestSignificance, bestContrast);
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    /// <summary>The pyramid level (0 = working copy) on which a scale whose centre Gaussian has <paramref name="centreSigma"/> is evaluated.</summary>
    internal static int GridLevel(double centreSigma)
    {
        var level = 0;
        while (centreSigma / (1 << (level + 1)) >= MinGridSigma)
        {
            level++;
        }

        return level;
    }

    /// <summary>
    /// The grey view as float, area-averaged to ≤ <see cref="WorkingSide"/> pixels. Reducing by a fractional factor
    /// above 2 goes in two steps: an exact k × k block mean for the whole factor k (a box filter read at every k-th pixel; the last
    /// &lt; k rows and columns are dropped) and an area resize for the rest, because OpenCV's area resize by a
    /// fractional factor is slow on a large image (~1 ms for 1024² → 256²) and on 8-bit input it would round.
    /// </summary>
    private static Mat WorkingCopy(byte[] grey8, int width, int height)
    {
        using var source = PixelMats.WrapGrey8(grey8, width, height);
        var scale = Math.Min(1.0, (double)WorkingSide / Math.Max(width, height));
        var work = new Mat();
        if (scale >= 1)
        {
            source.ConvertTo(work, MatType.CV_32FC1);
            return work;
        }

        var size = new Size(Math.Max(16, (int)Math.Round(width * scale)), Math.Max(16, (int)Math.Round(height * scale)));
        var block = (int)Math.Floor(1 / scale);
        var exactBlocks = width == size.Width * block && height == size.Height * block;
        if (block < 2 || exactBlocks || width / block < size.Width || height / block < size.Height)
        {
            source.ConvertTo(work, MatType.CV_32FC1);
            Cv2.Resize(work, work, size, 0, 0, InterpolationFlags.Area);
            return work;
        }

        using var means = new Mat();
        Cv2.BoxFilter(source, means, MatType.CV_32F, new Size(block, block), new Point(0, 0), normalize: true);
        using var whole = new Mat(means, new Rect(0, 0, width / block * block, height / block * block));
        using var blocks = new Mat();
        Cv2.Resize(whole, blocks, new Size(width / block, height / block), 0, 0, InterpolationFlags.Nearest);
        Cv2.Resize(blocks, work, size, 0, 0, InterpolationFlags.Area);
        return work;
    }

    /// <summary>
    /// The blob's radius and centre: the most significant scale often sits on a small patch of a large blob, so the
    /// size is the largest scale whose response near <paramref name="at"/> still reaches <see cref="ExtentShare"/> of
    /// the strongest one there (for a flat disc of radius R the centre-surround response falls off past r ≈ R).
    /// </summary>
    private static (double Radius, Point2d Centre) Extent(List<ScaleResponse> responses, Point at)
    {
        var peaks = responses.Select(response => (response.Radius, Peak: response.PeakNear(at, (int)Math.Ceiling(response.Radius)))).ToList();
        var strongest = peaks.Max(p => p.Peak.Value);
        var chosen = peaks.Last(p => p.Peak.Value >= ExtentShare * strongest);
        return (chosen.Radius, chosen.Peak.At);
    }
}
