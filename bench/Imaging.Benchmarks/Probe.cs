using System.Diagnostics;
using MedicalImaging.Imaging.Analysis;
using MedicalImaging.Imaging.Common;
using MedicalImaging.Imaging.Heatmaps;
using MedicalImaging.Imaging.Preprocessing;
using MedicalImaging.Imaging.Tests.Phantoms;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Benchmarks;

/// <summary>`--probe`: thread-CPU and wall timings of the internal steps after a JIT warm-up (a development aid, not the benchmark).</summary>
internal static class Probe
{
    public static void Run()
    {
        Cv2.SetNumThreads(1);
        Runtime.NativeAllocatorTuning.Apply();
        Steps("CT", CtPhantom.Create().ToDecoded());
        Steps("DX", ChestPhantom.Decoded(3000, lesion: true, modality: "DX"));
    }

    private static void Steps(string name, DecodedImage image)
    {
        void T(string step, Action action, int n = 40)
        {
            // Long enough for tiered compilation to replace the first, unoptimised code (30 calls and
            // a 100 ms delay), which otherwise makes managed pixel loops look several times slower.
            var warmUp = Stopwatch.StartNew();
            for (var i = 0; i < 50 || warmUp.ElapsedMilliseconds < 400; i++)
            {
                action();
            }

            var wall = new List<double>();
            var cpu = new List<double>();
            for (var i = 0; i < n; i++)
            {
                var cpuBefore = ThreadCpuClock.Milliseconds();
                var clock = Stopwatch.StartNew();
                action();
                wall.Add(clock.Elapsed.TotalMilliseconds);
                cpu.Add(ThreadCpuClock.Milliseconds() - cpuBefore);
            }

            Console.WriteLine($"{name} {step}: thread CPU median {cpu.Order().ElementAt(n / 2):F3} ms (min {cpu.Min():F3}); wall median {wall.Order().ElementAt(n / 2):F3} ms");
        }

        var options = new PreprocessOptions { MaxDimension = 1024 };
        var pre = new ModalityPreprocessor().Preprocess(image, options);
        using var modality = PixelMats.Wrap(image);
        using var grey = PixelMats.WrapGrey8(pre.Grey8, pre.Width, pre.Height);
        T("preprocess", () => new ModalityPreprocessor().Preprocess(image, options), 10);
        T("png (grey view)", () => PngEncoding.Encode(grey, false));
        T("intensity stats", () => IntensityStatistics.Measure(modality, grey, new AnalysisContext()));
        T("quality", () => QualityAssessment.Assess(modality, image, grey, new AnalysisContext()));
        if (image.Metadata.IsHounsfield)
        {
            T("body mask", () => { using var body = CtTissueAnalysis.BodyMask(modality); });
            T("ct tissue", () => CtTissueAnalysis.Measure(modality, image, new AnalysisContext()));
        }

        T("map build", () => { using var m = AnomalyMapBuilder.Build(grey, true, out _); });
        using var map = AnomalyMapBuilder.Build(grey, true, out _);
        T("hottest", () => HottestRegion.Find(map, out _));
        T("render", () => HeatmapRenderer.Render(grey, map, new NormalizedBox(0.1, 0.1, 0.1, 0.1), [], "caption"));
        T("heatmap", () => new AnomalyHeatmapGenerator().Generate(image, pre, []));
        T("analysis", () => new QuantitativeAnalyzer().Analyze(image, pre));
    }
}
