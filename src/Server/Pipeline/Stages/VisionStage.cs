using MedicalImaging.Imaging;
using MedicalImaging.Server.Providers;
using MedicalImaging.Server.Providers.Local;

namespace MedicalImaging.Server.Pipeline.Stages;

/// <summary>
/// Asks the vision step (provider chain, ending with local) for findings; regions an AI provider
/// reported are fused into that image's heatmap.
/// </summary>
public sealed class VisionStage : IAnalysisStage
{
    private readonly IVisionAnalyzer _vision;
    private readonly IHeatmapGenerator _heatmaps;

    public VisionStage(IVisionAnalyzer vision, IHeatmapGenerator heatmaps)
    {
        _vision = vision;
        _heatmaps = heatmaps;
    }

    public PipelineStage Stage => PipelineStage.Vision;

    public int DonePercent => 70;

    public async Task RunAsync(AnalysisState state, ProgressReporter progress, CancellationToken cancellationToken)
    {
        await progress.ReportAsync(Stage, 56, "Asking the vision provider chain", cancellationToken);
        var vision = await _vision.AnalyzeAsync(state, cancellationToken);
        state.Vision = vision;
        FuseRegions(_heatmaps, state);
        await progress.ReportAsync(Stage, DonePercent,
            $"{vision.Findings.Count} finding(s) from {vision.Provider}" + (vision.Degraded ? " (degraded: no AI provider answered)" : string.Empty),
            cancellationToken, provider: vision.Provider);
    }

    /// <summary>Redraws the heatmap of each image an AI provider reported regions on (also for a vision answer restored from a checkpoint).</summary>
    public static void FuseRegions(IHeatmapGenerator heatmaps, AnalysisState state)
    {
        var vision = state.Vision!;
        if (vision.Provider == LocalVisionAnalyzer.ProviderName)
        {
            return;
        }

        foreach (var image in state.Images)
        {
            var regions = vision.Findings
                .Where(f => f.ImageIndex == image.Source.Index && f.Region is not null)
                .Select(f => new RegionOfInterest(f.Region!.Value, f.Confidence, f.Description))
                .ToList();
            if (regions.Count > 0)
            {
                image.Heatmap = heatmaps.Generate(image.Decoded!, image.Preprocessed!, regions);
            }
        }
    }
}
