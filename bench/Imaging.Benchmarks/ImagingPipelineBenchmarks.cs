using BenchmarkDotNet.Attributes;
using MedicalImaging.Imaging.Analysis;
using MedicalImaging.Imaging.Heatmaps;
using MedicalImaging.Imaging.Preprocessing;
using MedicalImaging.Imaging.Tests.Phantoms;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Benchmarks;

/// <summary>
/// Preprocess + quantitative analysis + heatmap of one image, as the pipeline runs them, on one
/// core (OpenCV's own worker threads off): a 512×512 CT slice (target ≤ 10 ms median) and a
/// 3000×3000 12-bit radiograph (target ≤ 150 ms median), provider image ≤ 1024 px.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(SingleCoreConfig))]
public class ImagingPipelineBenchmarks
{
    private readonly ModalityPreprocessor _preprocessor = new();
    private readonly QuantitativeAnalyzer _analyzer = new();
    private readonly AnomalyHeatmapGenerator _heatmaps = new();
    private readonly PreprocessOptions _options = new() { MaxDimension = 1024 };
    private DecodedImage _ct = null!;
    private DecodedImage _radiograph = null!;

    [GlobalSetup]
    public void Setup()
    {
        Cv2.SetNumThreads(1);
        _ct = CtPhantom.Create().ToDecoded();
        _radiograph = ChestPhantom.Decoded(3000, lesion: true, modality: "DX");
    }

    [Benchmark]
    public Heatmap Ct512() => Run(_ct);

    [Benchmark]
    public Heatmap Radiograph3000() => Run(_radiograph);

    private Heatmap Run(DecodedImage image)
    {
        var preprocessed = _preprocessor.Preprocess(image, _options);
        _analyzer.Analyze(image, preprocessed);
        return _heatmaps.Generate(image, preprocessed, []);
    }
}
