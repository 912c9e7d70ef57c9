using System.Diagnostics;
using MedicalImaging.Imaging.Analysis;
using MedicalImaging.Imaging.Common;
using MedicalImaging.Imaging.Heatmaps;
using MedicalImaging.Imaging.Preprocessing;
using MedicalImaging.Imaging.Tests.Phantoms;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Benchmarks;

/// <summary>`--probe`: Stopwatch timings of the internal steps (a development aid, not the benchmark).</summary>
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
            action();
            var times = new List<double>();
            for (var i = 0; i < n; i++)
            {
                var clock = Stopwatch.StartNew();
                action();
                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            Console.WriteLine($"{name} {step}: min {times.Min():F3} ms, median {times.Order().ElementAt(n / 2):F3} ms");
        }

        var options = new PreprocessOptions { MaxDimension = 1024 };
        var pre = new ModalityPreprocessor().Preprocess(image, options);
        using var modality = PixelMats.Wrap(image);
        using var grey = PixelMats.WrapGrey8(pre.Grey8, pre.Width, pre.Height);
        T("preprocess", () => new ModalityPreprocessor().Preprocess(image, options), 10);
        T("png model", () => PngEncoding.Encode(grey, false));
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
