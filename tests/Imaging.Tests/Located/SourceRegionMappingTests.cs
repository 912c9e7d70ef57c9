using MedicalImaging.Imaging.Preprocessing;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Tests.Located;

/// <summary>
/// A box found on the preprocessed image (collimation cropped, resized) lands on the same structure of the source:
/// a bright square drawn at a known source place is found on the preprocessed grey view, mapped back, and compared.
/// </summary>
public sealed class SourceRegionMappingTests
{
    [Theory]
    [InlineData(1200, 800, 0, 0, 0, 0)]
    [InlineData(800, 1200, 60, 90, 40, 30)]
    [InlineData(2000, 900, 300, 40, 200, 120)]
    [InlineData(640, 640, 120, 150, 20, 80)]
    public void ToSource_RadiographCroppedAndResized_BoxLandsOnTheSourceStructure(int width, int height, int left, int top, int right, int bottom)
    {
        var square = new Rect(left + ((width - left - right) * 3 / 5), top + ((height - top - bottom) / 4), width / 12, width / 12);
        var image = Radiograph(width, height, left, top, right, bottom, square);

        var preprocessed = new ModalityPreprocessor().Preprocess(image, new PreprocessOptions { MaxDimension = 512 });
        var found = BrightestBlob(preprocessed);
        var mapped = SourceRegions.ToSource(found, preprocessed.SourceCrop, width, height);

        if (left + top + right + bottom > 0)
        {
            // BorderCrop finds the bands on a ≤512 px copy: its edges are a few source pixels loose.
            var crop = Assert.NotNull(preprocessed.SourceCrop);
            var slack = (Math.Max(width, height) / 512) + 2;
            Assert.InRange(crop.X, left - slack, left + slack);
            Assert.InRange(crop.Y, top - slack, top + slack);
            Assert.InRange(width - crop.X - crop.Width, right - slack, right + slack);
            Assert.InRange(height - crop.Y - crop.Height, bottom - slack, bottom + slack);
        }

        var tolerance = 3.0 / 512 + 0.01; // a resized pixel or two, both ends
        Assert.InRange(mapped.X, ((double)square.X / width) - tolerance, ((double)square.X / width) + tolerance);
        Assert.InRange(mapped.Y, ((double)square.Y / height) - tolerance, ((double)square.Y / height) + tolerance);
        Assert.InRange(mapped.Width, ((double)square.Width / width) - (2 * tolerance), ((double)square.Width / width) + (2 * tolerance));
        Assert.InRange(mapped.Height, ((double)square.Height / height) - (2 * tolerance), ((double)square.Height / height) + (2 * tolerance));
    }

    [Fact]
    public void ToSource_NoCrop_KeepsTheBoxAndClampsToTheImage()
    {
        var box = SourceRegions.ToSource(new NormalizedBox(0.9, 0.2, 0.3, 0.1), null, 300, 200);

        Assert.Equal(0.9, box.X, 9);
        Assert.Equal(0.1, box.Width, 9);
        Assert.Equal(0.2, box.Y, 9);
    }

    private static DecodedImage Radiograph(int width, int height, int left, int top, int right, int bottom, Rect square)
    {
        using var mat = new Mat(height, width, MatType.CV_32FC1);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                // A gentle gradient, so no unbanded edge looks uniform enough to be taken for collimation.
                mat.Set(y, x, 60f + (80f * x / width) + (40f * y / height) + (((x * 7) + (y * 13)) % 11));
            }
        }

        Cv2.Rectangle(mat, square, Scalar.All(250), -1);
        if (left > 0)
        {
            Cv2.Rectangle(mat, new Rect(0, 0, left, height), Scalar.All(5), -1);
        }

        if (right > 0)
        {
            Cv2.Rectangle(mat, new Rect(width - right, 0, right, height), Scalar.All(5), -1);
        }

        if (top > 0)
        {
            Cv2.Rectangle(mat, new Rect(0, 0, width, top), Scalar.All(5), -1);
        }

        if (bottom > 0)
        {
            Cv2.Rectangle(mat, new Rect(0, height - bottom, width, bottom), Scalar.All(5), -1);
        }

        mat.GetArray(out float[] pixels);
        return new DecodedImage
        {
            Width = width,
            Height = height,
            Channels = 1,
            Pixels = pixels,
            Metadata = new ImageMetadata { Modality = "DX", BodyPart = "HAND", SourceFormat = "dicom", BitsStored = 8 },
        };
    }

    private static NormalizedBox BrightestBlob(PreprocessedImage image)
    {
        int minX = int.MaxValue, minY = int.MaxValue, maxX = -1, maxY = -1;
        var peak = image.Grey8.Max();
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                if (image.Grey8[(y * image.Width) + x] >= peak - 20)
                {
                    (minX, minY, maxX, maxY) = (Math.Min(minX, x), Math.Min(minY, y), Math.Max(maxX, x), Math.Max(maxY, y));
                }
            }
        }

        return new NormalizedBox((double)minX / image.Width, (double)minY / image.Height, (double)(maxX + 1 - minX) / image.Width, (double)(maxY + 1 - minY) / image.Height);
    }
}
