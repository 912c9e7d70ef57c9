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

    [Theory]
    [InlineData(1, 1)]
    [InlineData(517, 33)]
    [InlineData(568, 532)]
    public void Encode_FastestOnIncompressibleNoise_DecodesToTheSamePixels(int width, int height)
    {
        // Random bytes are the quick deflate's worst case (static codes, no stored-block fallback).
        using var rgb = Noise(width, height, MatType.CV_8UC3);

        var png = PngEncoding.Encode(rgb, isRgb: true, PngSpeed.Fastest);
        using var bgr = Cv2.ImDecode(png, ImreadModes.Color);
        using var back = new Mat();
        Cv2.CvtColor(bgr, back, ColorConversionCodes.BGR2RGB);

        Assert.Equal(0, Cv2.Norm(rgb, back, NormTypes.L1));
    }

    [Fact]
    public void Encode_Fastest_SmoothImage_SmallerThanRawYetNotTheBalancedSize()
    {
        using var gradient = new Mat(256, 256, MatType.CV_8UC3);
        for (var y = 0; y < 256; y++)
        {
            for (var x = 0; x < 256; x++)
            {
                gradient.Set(y, x, new Vec3b((byte)x, (byte)y, (byte)((x + y) / 2)));
            }
        }

        var fastest = PngEncoding.Encode(gradient, isRgb: true, PngSpeed.Fastest);
        var balanced = PngEncoding.Encode(gradient, isRgb: true);

        Assert.True(fastest.Length < 256 * 256 * 3 / 4, $"fastest: {fastest.Length} bytes");
        Assert.NotEqual(balanced, fastest); // another strategy really was used
        using var decoded = Cv2.ImDecode(fastest, ImreadModes.Unchanged);
        Assert.Equal(256, decoded.Width);
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
