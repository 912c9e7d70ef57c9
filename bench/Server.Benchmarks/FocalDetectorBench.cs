using System.Diagnostics;
using System.Globalization;
using MedicalImaging.Imaging;
using MedicalImaging.Imaging.Detection;
using MedicalImaging.Imaging.Phantoms;
using MedicalImaging.Imaging.Preprocessing;
using MedicalImaging.Server.Providers.Local;

namespace MedicalImaging.Server.Benchmarks;

/// <summary>
/// Sensitivity and false-positive rate of the local focal detector on generated phantoms:
/// dotnet run -c Release --project bench/Server.Benchmarks -- --focal-detector [COUNT] [CALIBRATION_SEED] [REPORT_SEED]
/// Prints one row per kind and seed (calibration seed first; report the other), then the reported seed's sensitivity
/// by lesion radius and contrast. FOCAL_CALIBRATE=1 prints instead the calibration seed's significance distribution
/// (lesion vs lesion-free); FOCAL_DEBUG=1 also lists the missed lesions.
/// </summary>
internal static class FocalDetectorBench
{
    public static int Run(string[] args)
    {
        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        var calibration = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
        var report = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2;
        if (Environment.GetEnvironmentVariable("FOCAL_CALIBRATE") == "1")
        {
            foreach (var kind in new[] { "chest", "ct" })
            {
                var (lesion, clean) = FocalDetectorStudy.Significances(kind, calibration, count, Environment.ProcessorCount);
                Array.Sort(lesion);
                Array.Sort(clean);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"calibration seed {calibration} {kind}: lesion-free max significance p50 {clean[clean.Length / 2]:0.0} p95 {clean[(int)(clean.Length * 0.95)]:0.0} max {clean[^1]:0.0}; lesion significance (0 = strongest blob elsewhere) min {lesion[0]:0.0} p5 {lesion[lesion.Length / 20]:0.0} p50 {lesion[lesion.Length / 2]:0.0}; lesion-free top {string.Join(' ', clean[^5..].Select(v => v.ToString("0.0", CultureInfo.InvariantCulture)))}"));
            }

            return 0;
        }

        var breakdown = new List<(string Kind, int Seed, IReadOnlyList<FocalDetectorCase> Cases)>();
        Console.WriteLine("| kind | seed | role | lesion images | found | sensitivity | lesion-free | false positives | FP rate | CPU ms/image |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (seed, role) in new[] { (calibration, "calibration"), (report, "reported") })
        {
            foreach (var kind in new[] { "chest", "ct" })
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var cases = FocalDetectorStudy.Cases(kind, seed, count, Environment.ProcessorCount);
                var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / cases.Count;
                var score = FocalDetectorStudy.Score(kind, cases);
                breakdown.Add((kind, seed, cases));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {kind} | {seed} | {role} | {score.LesionImages} | {score.Found} | {score.Sensitivity:P1} | {score.CleanImages} | {score.FalsePositives} | {score.FalsePositiveRate:P1} | {used:0} |"));
            }
        }

        if (Environment.GetEnvironmentVariable("FOCAL_DEBUG") == "1")
        {
            foreach (var (kind, seed, cases) in breakdown)
            {
                foreach (var c in cases.Where(c => c.Lesion is not null && !c.Found))
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"MISS {kind} {seed} #{c.Index} r={c.RadiusShare:0.000} c={c.ContrastSigmas:0.0} truth={c.Lesion} got={c.Detected}"));
                }
            }
        }

        DetectorAlone(report);
        Console.WriteLine();
        Console.WriteLine("| kind | seed | radius 1–2 % | 2–4 % | 4–6 % | contrast 3–4 σ | 4–5 σ | 5–6 σ |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var (kind, seed, cases) in breakdown)
        {
            var lesions = cases.Where(c => c.Lesion is not null).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {kind} | {seed} | {Band(lesions, c => c.RadiusShare, 0, 0.02)} | {Band(lesions, c => c.RadiusShare, 0.02, 0.04)} | {Band(lesions, c => c.RadiusShare, 0.04, 1)} | {Band(lesions, c => c.ContrastSigmas, 0, 4)} | {Band(lesions, c => c.ContrastSigmas, 4, 5)} | {Band(lesions, c => c.ContrastSigmas, 5, 99)} |"));
        }

        return 0;
    }

    /// <summary>CPU of <see cref="FocalLesionDetector.Detect(byte[], int, int)"/> alone on preprocessed images (the
    /// part the local provider adds to each analysis), single thread.</summary>
    private static void DetectorAlone(int seed)
    {
        var images = Enumerable.Range(0, 20).Select(i => new ModalityPreprocessor().Preprocess(
            LesionPhantoms.Create(i % 2 == 0 ? "chest" : "ct", seed, i, lesion: true).Image, new PreprocessOptions())).ToList();
        FocalLesionDetector.Detect(images[0].Grey8, images[0].Width, images[0].Height);
        const int rounds = 5;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var r = 0; r < rounds; r++)
        {
            foreach (var image in images)
            {
                FocalLesionDetector.Detect(image.Grey8, image.Width, image.Height);
            }
        }

        var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / (rounds * images.Count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"detector alone: {used:0.0} ms CPU per image (preprocessed ≤ {images.Max(i => Math.Max(i.Width, i.Height))} px, {rounds * images.Count} runs, one thread)"));
    }

    private static string Band(List<FocalDetectorCase> cases, Func<FocalDetectorCase, double> value, double from, double to)
    {
        var band = cases.Where(c => value(c) >= from && value(c) < to).ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{band.Count(c => c.Found)}/{band.Count}");
    }
}
