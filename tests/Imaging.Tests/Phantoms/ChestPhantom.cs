using OpenCvSharp;

namespace MedicalImaging.Imaging.Tests.Phantoms;

/// <summary>
/// A chest-radiograph-like phantom (MONOCHROME2, bright = dense): a body, two darker lung fields,
/// a bright mediastinum, mild noise, and optionally a round lesion in one lung.
/// </summary>
internal static class ChestPhantom
{
    /// <summary>The lesion centre and radius (pixels) for a phantom of <paramref name="size"/>.</summary>
    public static (Point Centre, int Radius) Lesion(int size, bool imageLeft) =>
        (new Point((int)(size * (imageLeft ? 0.30 : 0.70)), (int)(size * 0.42)), size / 22);

    /// <summary>Grey levels 0..<paramref name="maxValue"/> as a float grey image.</summary>
    public static Mat Create(int size, bool lesion, bool lesionImageLeft = true, double maxValue = 255, int seed = 7)
    {
        var image = new Mat(size, size, MatType.CV_32FC1, Scalar.All(0.12 * maxValue));
        Cv2.Ellipse(image, new Point(size / 2, size / 2), new OpenCvSharp.Size(size * 0.44, size * 0.47), 0, 0, 360, Scalar.All(0.65 * maxValue), -1);
        Cv2.Ellipse(image, new Point(size * 0.32, size * 0.48), new OpenCvSharp.Size(size * 0.13, size * 0.30), 0, 0, 360, Scalar.All(0.25 * maxValue), -1);
        Cv2.Ellipse(image, new Point(size * 0.68, size * 0.48), new OpenCvSharp.Size(size * 0.13, size * 0.30), 0, 0, 360, Scalar.All(0.25 * maxValue), -1);
        if (lesion)
        {
            var (centre, radius) = Lesion(size, lesionImageLeft);
            Cv2.Circle(image, centre, radius, Scalar.All(0.6 * maxValue), -1);
        }

        using var noise = new Mat(size, size, MatType.CV_32FC1);
        var rng = new RNG((ulong)seed);
        rng.Fill(noise, DistributionType.Normal, Scalar.All(0), Scalar.All(0.01 * maxValue));
        Cv2.Add(image, noise, image);
        Cv2.GaussianBlur(image, image, new OpenCvSharp.Size(5, 5), 0);
        Cv2.Max(image, Scalar.All(0), image);
        Cv2.Min(image, Scalar.All(maxValue), image);
        return image;
    }

    public static DecodedImage Decoded(int size, bool lesion, string modality = "CR", string photometric = "MONOCHROME2", int bitsStored = 12, bool lesionImageLeft = true)
    {
        var maxValue = Math.Pow(2, bitsStored) - 1;
        using var image = Create(size, lesion, lesionImageLeft, maxValue);
        if (photometric == "MONOCHROME1")
        {
            Cv2.Subtract(Scalar.All(maxValue), image, image);
        }

        image.GetArray(out float[] pixels);
        return new DecodedImage
        {
            Width = size,
            Height = size,
            Channels = 1,
            Pixels = pixels,
            Metadata = new ImageMetadata { Modality = modality, BodyPart = "CHEST", SourceFormat = "dicom", PhotometricInterpretation = photometric, BitsStored = bitsStored },
        };
    }
}
