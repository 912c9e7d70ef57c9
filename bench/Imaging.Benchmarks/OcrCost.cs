using System.Diagnostics;
using MedicalImaging.Imaging.Common;
using MedicalImaging.Imaging.TextDetection;
using MedicalImaging.Tests.Support;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Benchmarks;

/// <summary>
/// Cost of the burned-in text step per 512×512 image (detect + blank + PNG), median of several runs
/// after two warm-up runs, wall and thread CPU time, one thread. A stopwatch bench, not BenchmarkDotNet:
/// one call is hundreds of milliseconds.
/// </summary>
internal static class OcrCost
{
    private const int Runs = 9;

    public static void Run()
    {
        if (!TextDetectionRuntime.Preload(out var problem))
        {
            Console.Error.WriteLine(problem);
            return;
        }

        using var detector = new TesseractTextDetector();
        var redactor = new BurnedInTextRedactor(detector);
        var cases = new (string Name, Func<Mat> Make)[]
        {
            ("ultrasound-like, overlay text (0.7)", () => BurnedInTextImages.Ultrasound(0.7, new Point(8, 24), new Point(380, 500))),
            ("ultrasound-like, text over the sector (0.8)", () => BurnedInTextImages.Ultrasound(0.8, new Point(100, 430), new Point(180, 200))),
            ("ultrasound-like, no text", () => BurnedInTextImages.Ultrasound(0.7, new Point(8, 24), new Point(380, 500), withText: false)),
            ("photo-like RGB, two labels (0.7)", () => BurnedInTextImages.Photo(0.7, new Point(10, 30), new Point(250, 480))),
            ("flat grey, no text", () => new Mat(512, 512, MatType.CV_8UC1, Scalar.All(90))),
        };

        Console.WriteLine($"| Image (512×512) | Median wall ms | Median CPU ms | Regions | Runs |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var (name, make) in cases)
        {
            using var image = make();
            byte[] png;
            if (image.Channels() == 3)
            {
                using var rgb = image.CvtColor(ColorConversionCodes.BGR2RGB);
                png = PngEncoding.Encode(rgb, isRgb: true);
            }
            else
            {
                png = PngEncoding.Encode(image, isRgb: false);
            }

            var wall = new List<double>();
            var cpu = new List<double>();
            var regions = 0;
            for (var run = 0; run < Runs + 2; run++)
            {
                var cpuStart = ThreadCpuClock.Milliseconds();
                var started = Stopwatch.GetTimestamp();
                regions = redactor.Redact(png, CancellationToken.None).Regions.Count;
                if (run >= 2)
                {
                    wall.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    cpu.Add(ThreadCpuClock.Milliseconds() - cpuStart);
                }
            }

            Console.WriteLine($"| {name} | {Median(wall):0} | {Median(cpu):0} | {regions} | {Runs} |");
        }
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
