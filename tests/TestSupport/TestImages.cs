using OpenCvSharp;

namespace MedicalImaging.Tests.Support;

/// <summary>Synthetic images made by the tests (no patient data anywhere).</summary>
public static class TestImages
{
    /// <summary>A chest-radiograph-like phantom PNG: two dark lung fields in a bright body, optional lesion in the right lung (image left).</summary>
    public static byte[] ChestPhantomPng(int size = 512, bool lesion = true, int seed = 1)
    {
        using var image = new Mat(size, size, MatType.CV_8UC1, Scalar.All(30));
        Cv2.Ellipse(image, new Point(size / 2, size / 2), new Size(size * 0.45, size * 0.48), 0, 0, 360, Scalar.All(170), -1);
        Cv2.Ellipse(image, new Point(size * 0.32, size * 0.5), new Size(size * 0.13, size * 0.3), 0, 0, 360, Scalar.All(60), -1);
        Cv2.Ellipse(image, new Point(size * 0.68, size * 0.5), new Size(size * 0.13, size * 0.3), 0, 0, 360, Scalar.All(60), -1);
        if (lesion)
        {
            Cv2.Circle(image, new Point(size * 0.32, size * 0.42), size / 20, Scalar.All(200), -1);
        }

        // Deterministic noise so the same seed gives the same bytes (the cache tests rely on it).
        var random = new Random(seed);
        var noise = new byte[size * size];
        random.NextBytes(noise);
        using var noiseMat = Mat.FromPixelData(size, size, MatType.CV_8UC1, noise);
        using var scaled = new Mat();
        noiseMat.ConvertTo(scaled, MatType.CV_8UC1, 8.0 / 255);
        Cv2.Add(image, scaled, image);
        Cv2.GaussianBlur(image, image, new Size(5, 5), 0);
        return image.ImEncode(".png");
    }

    /// <summary>A PNG whose header is valid but whose pixel data is garbage: passes validation, fails decoding.</summary>
    public static byte[] CorruptPng(int size = 256)
    {
        var png = ChestPhantomPng(size, lesion: false);
        // Keep the signature and IHDR (first 33 bytes), scramble the rest.
        for (var i = 41; i < png.Length - 12; i++)
        {
            png[i] = (byte)(png[i] ^ 0x5A);
        }

        return png;
    }

    /// <summary>A JPEG phantom.</summary>
    public static byte[] ChestPhantomJpeg(int size = 512)
    {
        using var mat = Cv2.ImDecode(ChestPhantomPng(size), ImreadModes.Grayscale);
        return mat.ImEncode(".jpg", new ImageEncodingParam(ImwriteFlags.JpegQuality, 92));
    }
}
