using OpenCvSharp;

namespace MedicalImaging.Imaging.Preprocessing;

/// <summary>
/// Finds uniform bands at the image edges (collimator shadow, black or white padding) from row and
/// column statistics on a ≤512-pixel copy; returns the rectangle that keeps the exposed field.
/// </summary>
internal static class BorderCrop
{
    private const double UniformStd = 6.0;
    private const double MaxCropPerSide = 0.3;
    private const int WorkSide = 512;

    public static Rect? Find(Mat grey8)
    {
        var scale = Math.Min(1.0, (double)WorkSide / Math.Max(grey8.Width, grey8.Height));
        using var small = new Mat();
        Cv2.Resize(grey8, small, new Size(Math.Max(1, (int)(grey8.Width * scale)), Math.Max(1, (int)(grey8.Height * scale))), 0, 0, InterpolationFlags.Area);
        using var asFloat = new Mat();
        small.ConvertTo(asFloat, MatType.CV_32FC1);
        using var squared = new Mat();
        Cv2.Multiply(asFloat, asFloat, squared);

        var rowStd = LineStd(asFloat, squared, dimension: 1);
        var colStd = LineStd(asFloat, squared, dimension: 0);
        var top = Leading(rowStd);
        var bottom = Leading(rowStd.AsEnumerable().Reverse().ToArray());
        var left = Leading(colStd);
        var right = Leading(colStd.AsEnumerable().Reverse().ToArray());
        if (top + bottom + left + right == 0)
        {
            return null;
        }

        var x = (int)Math.Floor(left / scale);
        var y = (int)Math.Floor(top / scale);
        var width = grey8.Width - x - (int)Math.Floor(right / scale);
        var height = grey8.Height - y - (int)Math.Floor(bottom / scale);
        return width < grey8.Width / 4 || height < grey8.Height / 4 ? null : new Rect(x, y, width, height);
    }

    /// <summary>Standard deviation along each row (dimension 1) or column (dimension 0).</summary>
    private static float[] LineStd(Mat values, Mat squares, int dimension)
    {
        using var mean = new Mat();
        using var meanSquare = new Mat();
        var reduce = dimension == 1 ? ReduceDimension.Column : ReduceDimension.Row;
        Cv2.Reduce(values, mean, reduce, ReduceTypes.Avg, MatType.CV_32FC1.Depth);
        Cv2.Reduce(squares, meanSquare, reduce, ReduceTypes.Avg, MatType.CV_32FC1.Depth);
        mean.GetArray(out float[] m);
        meanSquare.GetArray(out float[] s);
        var std = new float[m.Length];
        for (var i = 0; i < m.Length; i++)
        {
            std[i] = MathF.Sqrt(MathF.Max(0, s[i] - (m[i] * m[i])));
        }

        return std;
    }

    private static int Leading(float[] std)
    {
        var limit = (int)(std.Length * MaxCropPerSide);
        var count = 0;
        while (count < limit && std[count] < UniformStd)
        {
            count++;
        }

        // A one- or two-line band is noise at the edge, not collimation.
        return count >= 3 ? count : 0;
    }
}
