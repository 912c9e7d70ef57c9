using OpenCvSharp;

namespace MedicalImaging.Tests.Support;

/// <summary>
/// Synthetic images with identifiers burned in by OpenCV's PutText: an ultrasound-like frame (black
/// surround, speckled sector, white overlay text) and a photo-like colour image (textured scene,
/// dark-on-light and light-on-dark labels).
/// </summary>
public static class BurnedInTextImages
{
    /// <summary>The identifiers planted; none may be readable after blanking.</summary>
    public static readonly string[] PlantedTokens = ["DOE", "JANE", "1931", "4471", "MRN"];

    public const string NameLine = "DOE^JANE 1931-05-02";
    public const string IdLine = "MRN 4471";

    /// <summary>A 512×512 grey ultrasound-like frame: sector of speckle on black, text in the overlay margin.</summary>
    public static Mat Ultrasound(double fontScale, Point nameAt, Point idAt, int seed = 7, bool withText = true)
    {
        var image = new Mat(512, 512, MatType.CV_8UC1, Scalar.All(0));
        using var sector = new Mat(512, 512, MatType.CV_8UC1, Scalar.All(0));
        sector.Ellipse(new Point(256, 60), new Size(420, 420), 0, 50, 130, Scalar.All(255), -1);
        using var speckle = Noise(512, 512, 1, 70, 40, seed);
        // A brighter "organ" inside the sector, as speckle texture sits on tissue of varied echogenicity.
        speckle.Circle(new Point(280, 300), 70, Scalar.All(150), -1);
        using var blurred = speckle.GaussianBlur(new Size(3, 3), 0);
        blurred.CopyTo(image, sector);
        if (!withText)
        {
            return image;
        }

        var colour = Scalar.All(255);
        image.PutText(NameLine, nameAt, HersheyFonts.HersheySimplex, fontScale, colour, Thickness(fontScale), LineTypes.AntiAlias);
        image.PutText(IdLine, idAt, HersheyFonts.HersheySimplex, fontScale, colour, Thickness(fontScale), LineTypes.AntiAlias);
        return image;
    }

    /// <summary>A 512×512 colour photo-like scene with the name dark-on-light and the ID light-on-dark.</summary>
    public static Mat Photo(double fontScale, Point nameAt, Point idAt, int seed = 11)
    {
        var pixels = new byte[512 * 512 * 3];
        for (var y = 0; y < 512; y++)
        {
            for (var x = 0; x < 512; x++)
            {
                var at = ((y * 512) + x) * 3;
                pixels[at] = (byte)(60 + (x / 4));
                pixels[at + 1] = (byte)(90 + (y / 5));
                pixels[at + 2] = (byte)(140 + ((x + y) / 12));
            }
        }

        var image = Mat.FromPixelData(512, 512, MatType.CV_8UC3, pixels).Clone();

        var random = new Random(seed);
        for (var i = 0; i < 25; i++)
        {
            image.Circle(new Point(random.Next(512), random.Next(512)), random.Next(10, 60),
                new Scalar(random.Next(256), random.Next(256), random.Next(256)), -1, LineTypes.AntiAlias);
        }

        using (var noise = Noise(512, 512, 3, 128, 12, seed))
        {
            Cv2.Add(image, noise, image);
            Cv2.Subtract(image, Scalar.All(128), image);
        }

        Cv2.GaussianBlur(image, image, new Size(3, 3), 0);
        var thickness = Thickness(fontScale);
        Label(image, NameLine, nameAt, fontScale, thickness, background: Scalar.All(235), ink: Scalar.All(20));
        Label(image, IdLine, idAt, fontScale, thickness, background: Scalar.All(25), ink: Scalar.All(240));
        return image;
    }

    /// <summary>Gaussian noise (Box–Muller, seeded), saturated to 0..255.</summary>
    private static Mat Noise(int rows, int columns, int channels, double mean, double deviation, int seed)
    {
        var random = new Random(seed);
        var values = new byte[rows * columns * channels];
        for (var i = 0; i < values.Length; i++)
        {
            var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            values[i] = (byte)Math.Clamp(mean + (deviation * gaussian), 0, 255);
        }

        return Mat.FromPixelData(rows, columns, MatType.CV_8UC(channels), values).Clone();
    }

    private static int Thickness(double fontScale) => fontScale < 0.8 ? 1 : 2;

    private static void Label(Mat image, string text, Point at, double fontScale, int thickness, Scalar background, Scalar ink)
    {
        var size = Cv2.GetTextSize(text, HersheyFonts.HersheySimplex, fontScale, thickness, out var baseline);
        image.Rectangle(new Rect(at.X - 4, at.Y - size.Height - 4, size.Width + 8, size.Height + baseline + 8), background, -1);
        image.PutText(text, at, HersheyFonts.HersheySimplex, fontScale, ink, thickness, LineTypes.AntiAlias);
    }
}
