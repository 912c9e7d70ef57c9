using MedicalImaging.Imaging;

namespace MedicalImaging.Server.Pipeline.Stages;

/// <summary>
/// Local measurements and the anomaly heatmap of each image; the last stage that reads decoded pixels, so it
/// releases them (heatmaps redrawn later work from the preprocessed grey view).
/// </summary>
public sealed class QuantitativeStage : IAnalysisStage
{
    private readonly IQuantitativeAnalyzer _analyzer;
    private readonly IHeatmapGenerator _heatmaps;

    public QuantitativeStage(IQuantitativeAnalyzer analyzer, IHeatmapGenerator heatmaps)
    {
        _analyzer = analyzer;
        _heatmaps = heatmaps;
    }

    public PipelineStage Stage => PipelineStage.Quantitative;

    public int DonePercent => 55;

    public async Task RunAsync(AnalysisState state, ProgressReporter progress, CancellationToken cancellationToken)
    {
        foreach (var image in state.Images)
        {
            // The measurements and the heatmap read the same pixels and share nothing else: the measurements run on
            // another thread while this one draws the heatmap (a single analysis uses both cores; under load the pool
            // is busy anyway and this costs one work item).
            var (decoded, preprocessed) = (image.RequiredDecoded, image.RequiredPreprocessed);
            var measuring = Task.Run(() => _analyzer.Analyze(decoded, preprocessed), cancellationToken);
            image.Heatmap = _heatmaps.Generate(decoded, preprocessed, []);
            image.Analysis = await measuring;
            image.ReleasePixels();
            await progress.ReportAsync(Stage, DonePercent,
                $"Measured {image.Analysis.Measurements.Count} quantities, {image.Analysis.Findings.Count} finding(s), heatmap drawn",
                cancellationToken, image.Source.Index);
        }
    }
}
