using System.Diagnostics;
using System.Globalization;
using MedicalImaging.Imaging.Decoding;
using MedicalImaging.Imaging.Detection;
using MedicalImaging.Imaging.Phantoms;
using MedicalImaging.Imaging.Preprocessing;
using MedicalImaging.Imaging.Tests.Phantoms;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Benchmarks;

/// <summary>
/// `--focal-cpu`: CPU of <see cref="FocalLesionDetector.Detect(byte[], int, int)"/> alone per image at the
/// preprocessed size (what the local provider adds to an analysis): samples/chest-phantom.png, chest phantoms of 512
/// and 1024 px, and 20 seeded <see cref="LesionPhantoms"/> (seed 2, chest and CT, 256–3000 px before preprocessing).
/// Process CPU (so OpenCV's worker threads count) over a loop of calls after a warm-up, once with OpenCV's default
/// thread pool (as the server runs) and once with one OpenCV thread; also prints each image's result so a change of
/// implementation can be checked to give the same boxes. A stopwatch bench, not BenchmarkDotNet: what is compared is
/// CPU time, which BenchmarkDotNet does not report.
/// </summary>
internal static class FocalDetectorCost
{
    public static void Run()
    {
        var sample = FindSample();
        var cases = new List<(string Name, PreprocessedImage[] Images)>();
        if (sample is not null)
        {
            var decoded = new RasterImageDecoder().Decode(File.ReadAllBytes(sample), new DecodeOptions());
            cases.Add(("samples/chest-phantom.png", [new ModalityPreprocessor().Preprocess(decoded, new PreprocessOptions())]));
        }

        cases.Add(("chest phantom 512 px", [new ModalityPreprocessor().Preprocess(ChestPhantom.Decoded(512, lesion: true), new PreprocessOptions())]));
        cases.Add(("chest phantom 1024 px", [new ModalityPreprocessor().Preprocess(ChestPhantom.Decoded(1024, lesion: true), new PreprocessOptions())]));
        cases.Add(("LesionPhantoms seed 2, 20 (chest+CT)", Enumerable.Range(0, 20).Select(i => new ModalityPreprocessor().Preprocess(
            LesionPhantoms.Create(i % 2 == 0 ? "chest" : "ct", 2, i, lesion: true).Image, new PreprocessOptions())).ToArray()));

        foreach (var (name, images) in cases)
        {
            foreach (var image in images.Take(4))
            {
                var found = FocalLesionDetector.Detect(image.Grey8, image.Width, image.Height);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name} {image.Width}×{image.Height}: {(found is null ? "none" : $"box ({found.Region.X:0.000}, {found.Region.Y:0.000}, {found.Region.Width:0.000}, {found.Region.Height:0.000}) {found.Significance:0.0} σ {found.ContrastGreyLevels:0.0} grey")}"));
            }
        }

        Console.WriteLine();
        Console.WriteLine("| Image (preprocessed) | OpenCV threads | CPU ms per image | wall ms per image | calls |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        foreach (var threads in new[] { Cv2.GetNumThreads(), 1 })
        {
            Cv2.SetNumThreads(threads);
            foreach (var (name, images) in cases)
            {
                // Warm-up long enough for tiered JIT to replace the first code.
                var warmUp = Stopwatch.StartNew();
                while (warmUp.ElapsedMilliseconds < 500)
                {
                    Detect(images);
                }

                var calls = 0;
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var wall = Stopwatch.StartNew();
                while (wall.ElapsedMilliseconds < 3000 || calls < 20)
                {
                    calls += Detect(images);
                }

                var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / calls;
                var size = images.Max(i => Math.Max(i.Width, i.Height));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} (≤ {size} px) | {threads} | {used:0.00} | {wall.Elapsed.TotalMilliseconds / calls:0.00} | {calls} |"));
            }
        }
    }

    private static int Detect(PreprocessedImage[] images)
    {
        foreach (var image in images)
        {
            FocalLesionDetector.Detect(image.Grey8, image.Width, image.Height);
        }

        return images.Length;
    }

    private static string? FindSample()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "samples", "chest-phantom.png");
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }
}
