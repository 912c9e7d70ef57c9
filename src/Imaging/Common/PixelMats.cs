using OpenCvSharp;

namespace MedicalImaging.Imaging.Common;

/// <summary>Views of managed pixel arrays as OpenCV matrices (no copies).</summary>
internal static class PixelMats
{
    /// <summary>Wraps the decoded samples as a CV_32FC1/CV_32FC3 matrix; dispose it before the image goes away.</summary>
    public static Mat Wrap(DecodedImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Width <= 0 || image.Height <= 0 || image.Channels is not (1 or 3))
        {
            throw new ArgumentException($"Decoded image is {image.Width}×{image.Height}×{image.Channels}; expected positive dimensions and 1 or 3 channels.", nameof(image));
        }

        if (image.Pixels.Length != (long)image.Width * image.Height * image.Channels)
        {
            throw new ArgumentException($"Decoded image has {image.Pixels.Length} samples; {image.Width}×{image.Height}×{image.Channels} needs {(long)image.Width * image.Height * image.Channels}.", nameof(image));
        }

        return Mat.FromPixelData(image.Height, image.Width, MatType.CV_32FC(image.Channels), image.Pixels);
    }

    /// <summary>Wraps an 8-bit grey buffer (e.g. <see cref="PreprocessedImage.Grey8"/>).</summary>
    public static Mat WrapGrey8(byte[] pixels, int width, int height)
    {
        if (pixels.Length != width * height)
        {
            throw new ArgumentException($"Grey buffer has {pixels.Length} bytes; {width}×{height} needs {width * height}.", nameof(pixels));
        }

        return Mat.FromPixelData(height, width, MatType.CV_8UC1, pixels);
    }

    /// <summary>
    /// The luma of an RGB image, or for a single-channel image a new header over the same pixels (no
    /// copy); either way the caller disposes the returned matrix.
    /// </summary>
    public static Mat Luminance(Mat source)
    {
        if (source.Channels() == 1)
        {
            return new Mat(source, new Rect(0, 0, source.Width, source.Height));
        }

        var grey = new Mat();
        Cv2.CvtColor(source, grey, ColorConversionCodes.RGB2GRAY);
        return grey;
    }
}
