using MedicalImaging.Imaging.TextDetection;
using OpenCvSharp;
using Xunit.Abstractions;

namespace MedicalImaging.Imaging.Tests.TextDetection;

public sealed class TextDetectionScratchTests(ITestOutputHelper output)
{
    [Fact]
    public void Scratch()
    {
        using var detector = new TesseractTextDetector();
        var dir = "/tmp/ocr-scratch";
        Directory.CreateDirectory(dir);
        foreach (var scale in new[] { 0.4, 0.5, 0.7, 1.0 })
        {
            foreach (var (kind, image) in new[] { ("us", BurnedInTextImages.Ultrasound(scale, new Point(8, 24), new Point(380, 500))), ("photo", BurnedInTextImages.Photo(scale, new Point(200, 120), new Point(40, 420))) })
            {
                using (image)
                {
                    Console.Error.WriteLine("before save");
                    image.SaveImage($"{dir}/{kind}-{scale}-pre.png");
                    Console.Error.WriteLine("after save");
                    var sw = System.Diagnostics.Stopwatch.StartNew(); Console.Error.WriteLine("detect");
                    var regions = detector.Detect(image, default);
                    output.WriteLine($"{kind} {scale}: {sw.ElapsedMilliseconds} ms");
                    foreach (var r in regions) { output.WriteLine($"  {r}"); }
                    File.WriteAllBytes($"{dir}/{kind}-{scale}.png", MedicalImaging.Imaging.Common.PngEncoding.Encode(image.Channels() == 1 ? image : image.CvtColor(ColorConversionCodes.BGR2RGB), image.Channels() == 3));
                    Console.Error.WriteLine("after own encode");
                    TextBlanker.Blank(image, regions);
                    image.SaveImage($"{dir}/{kind}-{scale}-blank.png");
                }
            }
        }
    }
}
