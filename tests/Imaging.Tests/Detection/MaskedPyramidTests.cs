using MedicalImaging.Imaging.Detection;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Tests.Detection;

/// <summary>
/// A scale's response on its pyramid grid agrees with the direct full-resolution normalised convolutions (Gaussian
/// mean over the mask with σ 0.6 r minus that with σ 2 r) read at the same pixels: its noise σ, its peak and where.
/// </summary>
public sealed class MaskedPyramidTests
{
    private const int Side = 256;

    [Theory]
    [InlineData(2.56)]
    [InlineData(3.58)]
    [InlineData(5.12)]
    [InlineData(7.17)]
    [InlineData(10.24)]
    [InlineData(14.34)]
    public void Response_EveryScale_MatchesDirectNormalisedConvolution(double radius)
    {
        using var work = NoisyFieldsWithBlob(radius);
        using var mask = new Mat(Side, Side, MatType.CV_8UC1, Scalar.All(0));
        Cv2.Ellipse(mask, new Point(90, 128), new Size(40, 90), 0, 0, 360, Scalar.All(255), -1);
        Cv2.Ellipse(mask, new Point(170, 128), new Size(40, 90), 0, 0, 360, Scalar.All(255), -1);
        var level = FocalLesionDetector.GridLevel(0.6 * radius);
        using var pyramid = new MaskedPyramid(work, mask, level + 1);

        using var response = pyramid.Response(radius, level);
        var (sigma, peak, peakAt) = Direct(work, mask, radius, 1 << level);

        Assert.InRange(response.Sigma / sigma, 0.97, 1.03);
        Assert.InRange(response.Peak / peak, 0.97, 1.03);
        Assert.True(Math.Abs(response.PeakAt.X - peakAt.X) <= 1 << level && Math.Abs(response.PeakAt.Y - peakAt.Y) <= 1 << level, $"peak at {response.PeakAt}, direct {peakAt}");
    }

    [Fact]
    public void GridLevel_CentreSigmas_CoarserGridForWiderScales()
    {
        Assert.Equal(0, FocalLesionDetector.GridLevel(0.6 * 2.56));
        Assert.Equal(1, FocalLesionDetector.GridLevel(0.6 * 5.12));
        Assert.Equal(2, FocalLesionDetector.GridLevel(0.6 * 10.24));
    }

    private static Mat NoisyFieldsWithBlob(double radius)
    {
        var work = new Mat(Side, Side, MatType.CV_32FC1, Scalar.All(60));
        Cv2.Circle(work, new Point(172, 100), (int)Math.Round(radius), Scalar.All(70), -1);
        using var noise = new Mat(Side, Side, MatType.CV_32FC1);
        new RNG(3).Fill(noise, DistributionType.Normal, Scalar.All(0), Scalar.All(3));
        Cv2.Add(work, noise, work);
        return work;
    }

    /// <summary>Robust σ, peak and its place of the direct response over the mask pixels on the grid of <paramref name="step"/>.</summary>
    private static (double Sigma, double Peak, Point At) Direct(Mat work, Mat mask, double radius, int step)
    {
        using var inside = new Mat();
        mask.ConvertTo(inside, MatType.CV_32FC1, 1 / 255.0);
        using var masked = work.Mul(inside).ToMat();
        using var centre = Mean(masked, inside, 0.6 * radius);
        using var surround = Mean(masked, inside, 2 * radius);
        var box = Cv2.BoundingRect(mask);
        var values = new List<float>();
        var (peak, at) = (double.NegativeInfinity, default(Point));
        for (var y = box.Y; y < box.Bottom; y += step)
        {
            for (var x = box.X; x < box.Right; x += step)
            {
                if (mask.At<byte>(y, x) == 0)
                {
                    continue;
                }

                var value = centre.At<float>(y, x) - surround.At<float>(y, x);
                values.Add(value);
                if (value > peak)
                {
                    (peak, at) = (value, new Point(x, y));
                }
            }
        }

        var median = values.Order().ElementAt(values.Count / 2);
        var mad = values.Select(v => Math.Abs(v - median)).Order().ElementAt(values.Count / 2);
        return (1.4826 * mad, peak, at);
    }

    private static Mat Mean(Mat masked, Mat inside, double sigma)
    {
        var numerator = new Mat();
        Cv2.GaussianBlur(masked, numerator, new Size(0, 0), sigma, sigma, BorderTypes.Constant);
        using var weight = new Mat();
        Cv2.GaussianBlur(inside, weight, new Size(0, 0), sigma, sigma, BorderTypes.Constant);
        Cv2.Divide(numerator, weight, numerator);
        return numerator;
    }
}
