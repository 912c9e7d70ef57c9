using MedicalImaging.Imaging.Common;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Tests.Common;

public sealed class PngEncodingTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(37, 5)]
    [InlineData(300, 41)]
    public void Encode_GreyImage_DecodesToTheSamePixels(int width, int height)
    {
        using var image = Noise(width, height, MatType.CV_8UC1);

        using var decoded = Cv2.ImDecode(PngEncoding.Encode(image, isRgb: false), ImreadModes.Unchanged);

        Assert.Equal(MatType.CV_8UC1, decoded.Type());
        Assert.Equal(0, Cv2.Norm(image, decoded, NormTypes.L1));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(45, 7)]
    [InlineData(517, 33)]
    public void Encode_RgbImage_DecodesToTheSamePixelsInRgbOrder(int width, int height)
    {
        using var rgb = Noise(width, height, MatType.CV_8UC3);

        using var bgr = Cv2.ImDecode(PngEncoding.Encode(rgb, isRgb: true), ImreadModes.Color);
        using var back = new Mat();
        Cv2.CvtColor(bgr, back, ColorConversionCodes.BGR2RGB);

        Assert.Equal(0, Cv2.Norm(rgb, back, NormTypes.L1));
    }

    [Fact]
    public void Encode_RegionOfABiggerImage_EncodesOnlyTheRegion()
    {
        using var whole = Noise(64, 64, MatType.CV_8UC1);
        using var region = new Mat(whole, new Rect(5, 7, 31, 20));

        using var decoded = Cv2.ImDecode(PngEncoding.Encode(region, isRgb: false), ImreadModes.Unchanged);

        Assert.Equal(new Size(31, 20), decoded.Size());
        Assert.Equal(0, Cv2.Norm(region, decoded, NormTypes.L1));
    }

    [Fact]
    public void Encode_WrongType_Throws()
    {
        using var floats = new Mat(4, 4, MatType.CV_32FC1, Scalar.All(0));

        Assert.Throws<ArgumentException>(() => PngEncoding.Encode(floats, isRgb: false));
    }

    private static Mat Noise(int width, int height, MatType type)
    {
        var image = new Mat(height, width, type);
        Cv2.Randu(image, Scalar.All(0), Scalar.All(256));
        return image;
    }
}
