using System.Diagnostics;
using MedicalImaging.Imaging.Analysis;
using MedicalImaging.Imaging.Heatmaps;
using MedicalImaging.Imaging.Preprocessing;
using MedicalImaging.Imaging.Tests.Phantoms;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Benchmarks;

/// <summary>
/// `--stages`: per-stage wall-clock medians after a JIT warm-up, the process and calling-thread CPU
/// time per run (what the work costs when other jobs share the cores and stretch wall time; process
/// CPU also counts the GC and JIT threads) and page faults per run.
/// </summary>
internal static class StageProfile
{
    public static void Run(bool tuneAllocator)
    {
        Cv2.SetNumThreads(1);
        if (tuneAllocator)
        {
            Console.WriteLine($"glibc allocator tuned: {Runtime.NativeAllocatorTuning.Apply()}");
        }

        Profile("CT 512x512", CtPhantom.Create().ToDecoded(), 200);
        Profile("DX 3000x3000", ChestPhantom.Decoded(3000, lesion: true, modality: "DX"), 40);
    }

    /// <summary>Minor page faults of this process so far (field 10 of /proc/self/stat); 0 where unavailable.</summary>
    private static long MinorFaults()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[7], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static void Profile(string name, DecodedImage image, int iterations)
    {
        var preprocessor = new ModalityPreprocessor();
        var analyzer = new QuantitativeAnalyzer();
        var heatmaps = new AnomalyHeatmapGenerator();
        var options = new PreprocessOptions { MaxDimension = 1024 };
        var stages = new List<double>[3] { [], [], [] };

        // Until tiered compilation has optimised the managed pixel loops (30 calls and a 100 ms delay).
        var warmUp = Stopwatch.StartNew();
        for (var i = 0; i < 40 || warmUp.ElapsedMilliseconds < 500; i++)
        {
            heatmaps.Generate(image, preprocessor.Preprocess(image, options), []);
            analyzer.Analyze(image, preprocessor.Preprocess(image, options));
        }

        var faultsBefore = MinorFaults();
        var cpu = new List<double>();
        var threadCpu = new List<double>();
        for (var i = 0; i < iterations; i++)
        {
            var threadBefore = ThreadCpuClock.Milliseconds();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var preprocessed = preprocessor.Preprocess(image, options);
            var t1 = clock.Elapsed.TotalMilliseconds;
            analyzer.Analyze(image, preprocessed);
            var t2 = clock.Elapsed.TotalMilliseconds;
            heatmaps.Generate(image, preprocessed, []);
            var t3 = clock.Elapsed.TotalMilliseconds;
            cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds);
            threadCpu.Add(ThreadCpuClock.Milliseconds() - threadBefore);
            stages[0].Add(t1);
            stages[1].Add(t2 - t1);
            stages[2].Add(t3 - t2);
        }

        var faultsPerRun = (MinorFaults() - faultsBefore) / (double)iterations;
        static double Median(List<double> values) => values.Skip(2).Order().ElementAt((values.Count - 2) / 2);
        var totals = stages[0].Select((p, i) => p + stages[1][i] + stages[2][i]).ToList();
        Console.WriteLine($"{name}: wall median {Median(totals):F2} ms (preprocess {Median(stages[0]):F2}, analysis {Median(stages[1]):F2}, heatmap {Median(stages[2]):F2}); " +
            $"process CPU median {Median(cpu):F2} ms, thread CPU median {Median(threadCpu):F2} ms; {faultsPerRun:F0} minor page faults per run");
    }
}
