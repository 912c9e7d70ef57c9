using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Analysis;

/// <summary>
/// Pixels of each <see cref="TissueClass"/> inside the body, at full resolution in one vectorised pass
/// (8 pixels per step with AVX2; a class is Low ≤ HU &lt; High, so a value on a boundary counts in the
/// class above it). A non-uniform OpenCV histogram with the class bounds as bins cost ~1 ms on a 512²
/// slice (a binary search per pixel); this costs ~0.1 ms.
/// </summary>
internal static class TissueCounts
{
    /// <summary>Counts per class, in <see cref="TissueClass.All"/> order; <paramref name="body"/> is a 0/255 CV_8UC1 mask.</summary>
    public static unsafe long[] Count(Mat hounsfield, Mat body)
    {
        var (low, high) = TissueClass.Bounds();
        var counts = new long[low.Length];
        var width = hounsfield.Width;
        var height = hounsfield.Height;
        for (var y = 0; y < height; y++)
        {
            var hu = (float*)hounsfield.Ptr(y);
            var mask = (byte*)body.Ptr(y);
            var x = Avx2.IsSupported ? CountVectorised(hu, mask, width, low, high, counts) : 0;
            for (; x < width; x++)
            {
                if (mask[x] == 0)
                {
                    continue;
                }

                for (var k = 0; k < low.Length; k++)
                {
                    if (hu[x] >= low[k] && hu[x] < high[k])
                    {
                        counts[k]++;
                    }
                }
            }
        }

        return counts;
    }

    /// <summary>Whole 8-pixel blocks of one row; returns how many pixels it covered.</summary>
    private static unsafe int CountVectorised(float* hu, byte* mask, int width, float[] low, float[] high, long[] counts)
    {
        Span<Vector256<int>> sums = stackalloc Vector256<int>[low.Length];
        var x = 0;
        for (; x + 8 <= width; x += 8)
        {
            var values = Vector256.Load(hu + x);
            var inside = ~Vector256.Equals(Avx2.ConvertToVector256Int32(mask + x), Vector256<int>.Zero);
            for (var k = 0; k < low.Length; k++)
            {
                var inClass = Vector256.GreaterThanOrEqual(values, Vector256.Create(low[k])) & Vector256.LessThan(values, Vector256.Create(high[k]));
                sums[k] -= inClass.AsInt32() & inside;
            }
        }

        for (var k = 0; k < low.Length; k++)
        {
            counts[k] += Vector256.Sum(sums[k]);
        }

        return x;
    }
}
