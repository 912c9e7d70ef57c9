using MedicalImaging.Imaging.Detection;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Tests.Detection;

/// <summary>The noise-relative detector on a two-lung grey image with white noise: a 5 σ blob is found and boxed, noise alone is not, and an image without enclosed dark fields is not searched.</summary>
public sealed class FocalLesionDetectorTests
{
    private const int Side = 400;

    private static byte[] Image(bool blob, bool lungs = true)
    {
        using var image = new Mat(Side, Side, MatType.CV_32FC1, Scalar.All(30));
        Cv2.Ellipse(image, new Point(Side / 2, Side / 2), new Size(Side * 0.44, Side * 0.47), 0, 0, 360, Scalar.All(170), -1);
        if (lungs)
        {
            Cv2.Ellipse(image, new Point(Side * 0.32, Side * 0.5), new Size(Side * 0.13, Side * 0.3), 0, 0, 360, Scalar.All(70), -1);
            Cv2.Ellipse(image, new Point(Side * 0.68, Side * 0.5), new Size(Side * 0.13, Side * 0.3), 0, 0, 360, Scalar.All(70), -1);
        }

        if (blob)
        {
            Cv2.Circle(image, new Point(Side * 0.68, Side * 0.40), 12, Scalar.All(85), -1);
        }

        using var noise = new Mat(Side, Side, MatType.CV_32FC1);
        new RNG(42).Fill(noise, DistributionType.Normal, Scalar.All(0), Scalar.All(3));
        Cv2.Add(image, noise, image);
        using var grey = new Mat();
        image.ConvertTo(grey, MatType.CV_8UC1);
        grey.GetArray(out byte[] pixels);
        return pixels;
    }

    [Fact]
    public void Detect_FiveSigmaBlobInALung_BoxHoldsItsCentre()
    {
        var lesion = FocalLesionDetector.Detect(Image(blob: true), Side, Side);

        Assert.NotNull(lesion);
        Assert.InRange(0.68, lesion.Region.X, lesion.Region.X + lesion.Region.Width);
        Assert.InRange(0.40, lesion.Region.Y, lesion.Region.Y + lesion.Region.Height);
        Assert.True(lesion.Significance >= FocalLesionDetector.Threshold);
    }

    [Fact]
    public void Detect_NoiseOnly_NothingButSearched()
    {
        var lesion = FocalLesionDetector.Detect(Image(blob: false), Side, Side, FocalLesionDetector.Threshold, out var searched);

        Assert.Null(lesion);
        Assert.True(searched);
    }

    [Fact]
    public void Detect_NoEnclosedDarkField_NotSearched()
    {
        var lesion = FocalLesionDetector.Detect(Image(blob: false, lungs: false), Side, Side, FocalLesionDetector.Threshold, out var searched);

        Assert.Null(lesion);
        Assert.False(searched);
    }
}
