using OpenCvSharp;

namespace MedicalImaging.Imaging.Detection;

/// <summary>
/// One scale's centre-surround response on its pyramid grid (every <paramref name="step"/>-th working-copy pixel from
/// <paramref name="origin"/>; −∞ outside the lung fields), with its strongest value and robust noise σ. Positions are
/// in working-copy pixels.
/// </summary>
internal sealed class ScaleResponse(double radius, Mat values, int step, Point origin, double peak, Point peakAt, double sigma) : IDisposable
{
    /// <summary>The scale's radius (working-copy pixels).</summary>
    public double Radius { get; } = radius;

    /// <summary>The strongest response inside the fields (−∞ when the grid holds none of them).</summary>
    public double Peak { get; } = peak;

    /// <summary>Where <see cref="Peak"/> is (the first in raster order).</summary>
    public Point PeakAt { get; } = peakAt;

    /// <summary>1.4826 × the median absolute deviation of the response inside the fields (0 when none).</summary>
    public double Sigma { get; } = sigma;

    /// <summary>
    /// The strongest response inside the fields within ± <paramref name="reach"/> pixels of <paramref name="at"/> and
    /// where it is (−∞ at <paramref name="at"/> when there is none), refined between grid points by a parabola through
    /// the neighbours in x and in y: on a coarse grid the sample nearest a blob's centre can be half a step off it.
    /// </summary>
    public unsafe (double Value, Point2d At) PeakNear(Point at, int reach)
    {
        var u0 = Math.Max(0, (int)Math.Ceiling((at.X - reach - origin.X) / (double)step));
        var u1 = Math.Min(values.Width - 1, (int)Math.Floor((at.X + reach - origin.X) / (double)step));
        var v0 = Math.Max(0, (int)Math.Ceiling((at.Y - reach - origin.Y) / (double)step));
        var v1 = Math.Min(values.Height - 1, (int)Math.Floor((at.Y + reach - origin.Y) / (double)step));
        var best = double.NegativeInfinity;
        int bestU = -1, bestV = -1;
        for (var v = v0; v <= v1; v++)
        {
            var row = (float*)values.Ptr(v);
            for (var u = u0; u <= u1; u++)
            {
                if (row[u] > best)
                {
                    (best, bestU, bestV) = (row[u], u, v);
                }
            }
        }

        if (bestU < 0)
        {
            return (best, new Point2d(at.X, at.Y));
        }

        var (gainX, shiftX) = Vertex(At(bestU - 1, bestV), best, At(bestU + 1, bestV));
        var (gainY, shiftY) = Vertex(At(bestU, bestV - 1), best, At(bestU, bestV + 1));
        return (best + gainX + gainY, new Point2d(origin.X + ((bestU + shiftX) * step), origin.Y + ((bestV + shiftY) * step)));
    }

    /// <summary>The response at grid point (u, v), −∞ outside the grid or the fields.</summary>
    private unsafe double At(int u, int v) =>
        u < 0 || v < 0 || u >= values.Width || v >= values.Height ? double.NegativeInfinity : ((float*)values.Ptr(v))[u];

    /// <summary>Gain and offset (grid steps, within ±½) of the vertex of the parabola through three samples around a maximum; none when a neighbour is missing.</summary>
    private static (double Gain, double Shift) Vertex(double before, double centre, double after)
    {
        var curvature = before - (2 * centre) + after;
        if (double.IsInfinity(before) || double.IsInfinity(after) || curvature >= 0)
        {
            return (0, 0);
        }

        var shift = Math.Clamp(0.5 * (before - after) / curvature, -0.5, 0.5);
        return (-0.25 * (before - after) * shift, shift);
    }

    public void Dispose() => values.Dispose();
}
