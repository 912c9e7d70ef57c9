using System.Buffers;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Detection;

/// <summary>
/// Gaussian pyramid of (grey × inside, inside) over the lung fields' bounding box, for normalised convolutions over
/// the mask (Gaussian mean of the grey levels inside the fields = blur of grey × inside ÷ blur of inside). Numerator
/// and weight are the two channels of one matrix, so every blur and resampling treats both at once. Outside the box
/// both are zero, so only the box (with a zero margin) is filtered: the result inside it is the same as over the
/// whole image.
/// </summary>
internal sealed class MaskedPyramid : IDisposable
{
    private readonly Mat[] levels;
    private readonly Mat mask;
    private readonly Rect box;
    private readonly int margin;

    /// <param name="work">Grey levels, CV_32FC1.</param>
    /// <param name="mask">Lung fields, CV_8UC1 (non-zero inside; not empty).</param>
    /// <param name="depth">Coarsest level built (level k has 2^k-pixel steps).</param>
    public unsafe MaskedPyramid(Mat work, Mat mask, int depth)
    {
        this.mask = mask;
        box = Cv2.BoundingRect(mask);

        // A zero margin of 2^(depth+2) pixels: the fields' blurs spread into it on every level instead of being cut.
        margin = 1 << (depth + 2);
        levels = new Mat[depth + 1];
        var plane = new Mat(box.Height + (2 * margin), box.Width + (2 * margin), MatType.CV_32FC2, Scalar.All(0));
        levels[0] = plane;
        for (var y = 0; y < box.Height; y++)
        {
            var grey = (float*)work.Ptr(box.Y + y) + box.X;
            var inside = (byte*)mask.Ptr(box.Y + y) + box.X;
            var target = (float*)plane.Ptr(margin + y) + (2 * margin);
            for (var x = 0; x < box.Width; x++)
            {
                if (inside[x] != 0)
                {
                    target[2 * x] = grey[x];
                    target[(2 * x) + 1] = 1;
                }
            }
        }

        using var binomial = Mat.FromArray(1 / 16f, 4 / 16f, 6 / 16f, 4 / 16f, 1 / 16f);
        for (var k = 1; k <= depth; k++)
        {
            levels[k] = Reduce(levels[k - 1], binomial);
        }
    }

    /// <summary>
    /// Centre-surround response of one scale (Gaussian mean over the fields with σ 0.6 r minus that with σ 2 r) on
    /// the grid of <paramref name="level"/> (every 2^level-th pixel of the box, inside the fields): the centre blurred
    /// on that level, the surround one level coarser and interpolated back bilinearly (it is smooth on that scale).
    /// The blur σ on a level is what is left of the wanted σ after the pyramid's own smoothing (variance 4^k
    /// working-copy pixels² per reduction from level k), in that level's pixels.
    /// </summary>
    public unsafe ScaleResponse Response(double radius, int level)
    {
        if (level + 1 >= levels.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"The pyramid holds levels 0–{levels.Length - 1}; a response on level {level} needs level {level + 1} too.");
        }

        var step = 1 << level;
        var origin = margin / step;
        var grid = new Rect(origin, origin, ((box.Width - 1) / step) + 1, ((box.Height - 1) / step) + 1);
        using var centre = Blur(levels[level], grid, LevelSigma(0.6 * radius, level), zeroAround: level == 0);
        using var surround = new Mat();
        var surroundSigma = LevelSigma(2 * radius, level + 1);
        Cv2.GaussianBlur(levels[level + 1], surround, KernelSize(surroundSigma), surroundSigma, surroundSigma, BorderTypes.Constant);

        var values = new Mat(grid.Size, MatType.CV_32FC1);
        var inside = ArrayPool<float>.Shared.Rent(grid.Width * grid.Height);
        try
        {
            var count = 0;
            var peak = double.NegativeInfinity;
            var peakAt = new Point(box.X, box.Y);
            for (var v = 0; v < grid.Height; v++)
            {
                var maskRow = (byte*)mask.Ptr(box.Y + (v * step)) + box.X;
                var centreRow = (float*)centre.Ptr(v);

                // This level's pixel (x, y) is the coarser level's (x/2, y/2): a sample, or the mean of two or four.
                var above = (float*)surround.Ptr((grid.Y + v) >> 1);
                var below = (float*)surround.Ptr((grid.Y + v + 1) >> 1);
                var target = (float*)values.Ptr(v);
                for (var u = 0; u < grid.Width; u++)
                {
                    if (maskRow[u * step] == 0)
                    {
                        target[u] = float.NegativeInfinity;
                        continue;
                    }

                    var left = 2 * ((grid.X + u) >> 1);
                    var right = 2 * ((grid.X + u + 1) >> 1);
                    var sum = above[left] + above[right] + below[left] + below[right];
                    var weight = above[left + 1] + above[right + 1] + below[left + 1] + below[right + 1];
                    var response = (centreRow[2 * u] / Math.Max(centreRow[(2 * u) + 1], 1e-3f)) - (sum / Math.Max(weight, 4e-3f));
                    target[u] = response;
                    inside[count++] = response;
                    if (response > peak)
                    {
                        peak = response;
                        peakAt = new Point(box.X + (u * step), box.Y + (v * step));
                    }
                }
            }

            var sigma = count == 0 ? 0 : RobustSpread.Sigma(inside.AsSpan(0, count));
            return new ScaleResponse(radius, values, step, box.Location, peak, peakAt, sigma);
        }
        catch
        {
            values.Dispose();
            throw;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(inside);
        }
    }

    public void Dispose()
    {
        foreach (var level in levels)
        {
            level.Dispose();
        }
    }

    /// <summary>
    /// <paramref name="plane"/> blurred, over <paramref name="grid"/> only. On level 0 everything around the box is
    /// zero, so blurring the box alone is exact; on coarser levels the pyramid has spread a little of the fields
    /// beyond it, so the box is widened by the kernel's reach first.
    /// </summary>
    private static Mat Blur(Mat plane, Rect grid, double sigma, bool zeroAround)
    {
        var kernel = KernelSize(sigma);
        var reach = zeroAround ? 0 : kernel.Width / 2;
        var source = new Rect(grid.X - reach, grid.Y - reach, grid.Width + (2 * reach), grid.Height + (2 * reach)).Intersect(new Rect(0, 0, plane.Width, plane.Height));
        using var region = new Mat(plane, source);
        var blurred = new Mat();
        Cv2.GaussianBlur(region, blurred, kernel, sigma, sigma, BorderTypes.Constant);
        if (source == grid)
        {
            return blurred;
        }

        using (blurred)
        {
            using var inner = new Mat(blurred, new Rect(grid.X - source.X, grid.Y - source.Y, grid.Width, grid.Height));
            return inner.Clone();
        }
    }

    /// <summary>The σ still to apply on <paramref name="level"/> (its pixels) for a total of <paramref name="sigma"/> working-copy pixels.</summary>
    private static double LevelSigma(double sigma, int level)
    {
        var step = 1 << level;
        var pyramidVariance = ((step * step) - 1) / 3.0;
        return Math.Sqrt(Math.Max((sigma * sigma) - pyramidVariance, 0.25 * step * step)) / step;
    }

    /// <summary>
    /// The next level: <paramref name="plane"/> smoothed by the binomial kernel (1 4 6 4 1)/16 in x and y (variance 1
    /// pixel²; zero outside) and every second pixel kept, as pyrDown does; done here because pyrDown and pyrUp go
    /// through OpenCV's thread pool, whose idle worker then spins, which doubled the detector's CPU on two cores.
    /// </summary>
    private static unsafe Mat Reduce(Mat plane, Mat binomial)
    {
        using var smooth = new Mat();
        Cv2.SepFilter2D(plane, smooth, MatType.CV_32F, binomial, binomial, new Point(-1, -1), 0, BorderTypes.Constant);
        var width = (plane.Width + 1) / 2;
        var height = (plane.Height + 1) / 2;
        var reduced = new Mat(height, width, MatType.CV_32FC2);
        for (var y = 0; y < height; y++)
        {
            var source = (float*)smooth.Ptr(2 * y);
            var target = (float*)reduced.Ptr(y);
            for (var x = 0; x < width; x++)
            {
                target[2 * x] = source[4 * x];
                target[(2 * x) + 1] = source[(4 * x) + 1];
            }
        }

        return reduced;
    }

    /// <summary>±3 σ (the Gaussian's tails past that hold 0.3 % of its weight, and the mean is normalised anyway).</summary>
    private static Size KernelSize(double sigma)
    {
        var side = (2 * (int)Math.Ceiling(3 * sigma)) + 1;
        return new Size(side, side);
    }
}
