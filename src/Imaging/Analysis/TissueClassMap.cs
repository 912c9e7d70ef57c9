using OpenCvSharp;

namespace MedicalImaging.Imaging.Analysis;

/// <summary>
/// A nearest-neighbour sample (every <c>step</c>-th pixel, longest side ≤ the working side) of a CT
/// slice as tissue-class numbers: 1 + the index in <see cref="TissueClass.All"/> inside the body, 0
/// outside it or between classes. Connected regions are labelled on it once for all classes.
/// </summary>
internal sealed class TissueClassMap
{
    private TissueClassMap(byte[] classes, int width, int height, int bodyArea, double bodyCentroidX)
    {
        Classes = classes;
        Width = width;
        Height = height;
        BodyArea = bodyArea;
        BodyCentroidX = bodyCentroidX;
    }

    public byte[] Classes { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Body pixels in the sample.</summary>
    public int BodyArea { get; }

    /// <summary>Mean column of the body pixels in the sample (the midline for left/right comparisons).</summary>
    public double BodyCentroidX { get; }

    public static unsafe TissueClassMap Build(Mat hounsfield, Mat body, int maxSide)
    {
        var step = (int)Math.Ceiling(Math.Max(hounsfield.Width, hounsfield.Height) / (double)maxSide);
        var width = Math.Max(1, hounsfield.Width / step);
        var height = Math.Max(1, hounsfield.Height / step);
        var (low, high) = TissueClass.Bounds();
        var classes = new byte[width * height];
        var bodyArea = 0;
        long columnSum = 0;
        for (var y = 0; y < height; y++)
        {
            var hu = (float*)hounsfield.Ptr(y * step);
            var mask = (byte*)body.Ptr(y * step);
            var row = classes.AsSpan(y * width, width);
            for (var x = 0; x < width; x++)
            {
                if (mask[x * step] == 0)
                {
                    continue;
                }

                bodyArea++;
                columnSum += x;
                var value = hu[x * step];
                for (var k = 0; k < low.Length; k++)
                {
                    if (value >= low[k] && value < high[k])
                    {
                        row[x] = (byte)(k + 1);
                        break;
                    }
                }
            }
        }

        return new TissueClassMap(classes, width, height, bodyArea, bodyArea > 0 ? (double)columnSum / bodyArea : width / 2.0);
    }
}
