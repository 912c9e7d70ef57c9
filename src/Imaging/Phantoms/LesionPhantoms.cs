using OpenCvSharp;

namespace MedicalImaging.Imaging.Phantoms;

/// <summary>
/// Deterministic (seeded) phantoms for measuring the local focal detector on images it has never seen: CR/DX
/// chest-like radiographs (body, two lung fields, mediastinum) and CT-like axial slices in HU (body, fat rim, lungs,
/// vertebra), 256–3000 px with random aspect jitter, a round lesion of radius 1–6 % of the width at a random place
/// inside either lung (so both sides), contrast 3–6× the noise σ, at several noise levels; or no lesion.
/// Not anatomy: they test that a clearly visible focal lesion is found and that smooth normal structure is not.
/// </summary>
public static class LesionPhantoms
{
    /// <summary>Noise σ as a share of the lung-to-body contrast (radiograph) or in HU (CT), one per noise level.</summary>
    public static readonly double[] NoiseLevels = [0.01, 0.02, 0.04];

    /// <summary>Phantom number <paramref name="index"/> of a seeded series (the same seed and index give the same image).</summary>
    public static LesionPhantom Create(string kind, int seed, int index, bool lesion)
    {
        // A stable mix, not HashCode.Combine/string.GetHashCode: those are randomised per process, so the "same" seed
        // would give other phantoms in every run and a calibration could not be repeated.
        var mixed = unchecked((ulong)(((long)seed * 1_000_003L) + ((long)index * 7_919L) + (kind == "ct" ? 104_729L : 0L) + (lesion ? 1L : 0L)) * 0x9E3779B97F4A7C15UL);
        var random = new Random((int)(mixed >> 33));
        var width = random.Next(256, 3001);
        var height = Math.Clamp((int)(width * (0.8 + (0.4 * random.NextDouble()))), 256, 3000);
        var noise = NoiseLevels[random.Next(NoiseLevels.Length)];
        return kind == "ct" ? Ct(random, width, height, noise, lesion) : Chest(random, width, height, noise, lesion);
    }

    private static LesionPhantom Chest(Random random, int width, int height, double noiseShare, bool lesion)
    {
        const double max = 4095;
        using var image = new Mat(height, width, MatType.CV_32FC1, Scalar.All(0.12 * max));
        var centre = new Point(width / 2, height / 2);
        Cv2.Ellipse(image, centre, new Size(width * 0.44, height * 0.47), 0, 0, 360, Scalar.All(0.65 * max), -1);
        var lungs = new[] { (new Point(width * 0.32, height * 0.48), new Size(width * 0.13, height * 0.30)), (new Point(width * 0.68, height * 0.48), new Size(width * 0.13, height * 0.30)) };
        foreach (var (c, s) in lungs)
        {
            Cv2.Ellipse(image, c, s, 0, 0, 360, Scalar.All(0.25 * max), -1);
        }

        var sigma = noiseShare * 0.4 * max;
        var (box, contrastSigmas) = lesion ? DrawLesion(image, random, lungs[random.Next(2)], width, sigma, contrastSign: +1) : ((NormalizedBox?)null, 0.0);
        AddNoise(image, random, sigma);
        var metadata = new ImageMetadata { Modality = random.Next(2) == 0 ? "CR" : "DX", BodyPart = "CHEST", SourceFormat = "dicom", BitsStored = 12 };
        return Phantom(image, metadata, box, contrastSigmas, "chest");
    }

    private static LesionPhantom Ct(Random random, int width, int height, double noiseShare, bool lesion)
    {
        using var image = new Mat(height, width, MatType.CV_32FC1, Scalar.All(-1000));
        var centre = new Point(width / 2, height / 2);
        Cv2.Ellipse(image, centre, new Size(width * 0.43, height * 0.33), 0, 0, 360, Scalar.All(-100), -1);
        Cv2.Ellipse(image, centre, new Size(width * 0.39, height * 0.29), 0, 0, 360, Scalar.All(40), -1);
        var lungs = new[] { (new Point(width * 0.32, height * 0.46), new Size(width * 0.14, height * 0.19)), (new Point(width * 0.68, height * 0.46), new Size(width * 0.14, height * 0.19)) };
        foreach (var (c, s) in lungs)
        {
            Cv2.Ellipse(image, c, s, 0, 0, 360, Scalar.All(-850), -1);
        }

        Cv2.Circle(image, new Point(width / 2, (int)(height * 0.68)), (int)(width * 0.055), Scalar.All(700), -1);
        var sigma = noiseShare * 500; // 5, 10 or 20 HU
        var (box, contrastSigmas) = lesion ? DrawLesion(image, random, lungs[random.Next(2)], width, sigma, contrastSign: +1) : ((NormalizedBox?)null, 0.0);
        AddNoise(image, random, sigma);
        var metadata = new ImageMetadata { Modality = "CT", BodyPart = "CHEST", SourceFormat = "dicom", IsHounsfield = true, BitsStored = 12 };
        return Phantom(image, metadata, box, contrastSigmas, "ct");
    }

    /// <summary>The drawn single-channel image as a decoded one, with its lesion's box (null for none) and contrast.</summary>
    private static LesionPhantom Phantom(Mat image, ImageMetadata metadata, NormalizedBox? box, double contrastSigmas, string kind)
    {
        image.GetArray(out float[] pixels);
        return new LesionPhantom(new DecodedImage
        {
            Width = image.Width,
            Height = image.Height,
            Channels = 1,
            Pixels = pixels,
            Metadata = metadata,
        }, box, kind) { ContrastSigmas = contrastSigmas };
    }

    /// <summary>A round lesion inside the lung ellipse, radius 1–6 % of the width, contrast 3–6× σ above the lung (at least a visible step).</summary>
    private static (NormalizedBox Box, double ContrastSigmas) DrawLesion(Mat image, Random random, (Point Centre, Size Axes) lung, int width, double sigma, int contrastSign)
    {
        var radius = Math.Max(2, (int)(width * (0.01 + (0.05 * random.NextDouble()))));
        var (c, axes) = lung;
        var reachX = Math.Max(0, axes.Width - radius);
        var reachY = Math.Max(0, axes.Height - radius);
        double dx, dy;
        do
        {
            dx = (random.NextDouble() * 2) - 1;
            dy = (random.NextDouble() * 2) - 1;
        }
        while ((dx * dx) + (dy * dy) > 1);

        var centre = new Point(c.X + (int)(dx * reachX), c.Y + (int)(dy * reachY));
        var background = image.At<float>(centre.Y, centre.X);
        var sigmas = 3 + (3 * random.NextDouble());
        var contrast = sigmas * Math.Max(sigma, 1);
        Cv2.Circle(image, centre, radius, Scalar.All(background + (contrastSign * contrast)), -1);
        return (new NormalizedBox((double)(centre.X - radius) / image.Width, (double)(centre.Y - radius) / image.Height,
            2.0 * radius / image.Width, 2.0 * radius / image.Height), sigmas);
    }

    private static void AddNoise(Mat image, Random random, double sigma)
    {
        using var noise = new Mat(image.Rows, image.Cols, MatType.CV_32FC1);
        var rng = new RNG((ulong)random.NextInt64(1, long.MaxValue));
        rng.Fill(noise, DistributionType.Normal, Scalar.All(0), Scalar.All(sigma));
        Cv2.Add(image, noise, image);
    }
}
