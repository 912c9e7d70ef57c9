using MedicalImaging.Imaging;
using MedicalImaging.Server.Providers;
using MedicalImaging.Server.Redaction;

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
        var request = Request(state);
        VisionResult vision;
        try
        {
            vision = await _vision.AnalyzeAsync(request, cancellationToken);
        }
        finally
        {
            // The burned-in text checks made on the way (also when no provider answered) feed the report's limitations.
            Keep(request.Outbound, state);
        }

        state.Vision = vision;
        FuseRegions(_heatmaps, state);
        await progress.ReportAsync(Stage, DonePercent,
            $"{vision.Findings.Count} finding(s) from {vision.Provider}" + (vision.Degraded ? " (degraded: no AI provider answered)" : string.Empty),
            cancellationToken, provider: vision.Provider);
    }

    /// <summary>Redraws the heatmap of each image an AI provider reported regions on (also for a vision answer restored from a checkpoint).</summary>
    /// <summary>What the vision step sees of the analysis: images, de-identified context, known identifiers.</summary>
    public static VisionRequest Request(AnalysisState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new VisionRequest(
            [.. state.Images.Select(i => new VisionImage(i.Source.Index, i.RequiredDecoded.Metadata, i.RequiredPreprocessed, i.Analysis, i.Heatmap))],
            state.DeidentifiedContext,
            state.Identifiers);
    }

    private static void Keep(OutboundImages outbound, AnalysisState state)
    {
        for (var i = 0; i < state.Images.Count; i++)
        {
            if (outbound.Images[i].Check is { } check)
            {
                state.Images[i].BurnedInText = check;
            }
        }

        if (outbound.ReadMillis is { } millis)
        {
            lock (state.StageMillis)
            {
                state.StageMillis["burned_in_text"] = millis;
            }
        }
    }

    public static void FuseRegions(IHeatmapGenerator heatmaps, AnalysisState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var vision = state.RequiredVision;
        if (vision.IsLocal)
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
                image.Heatmap = heatmaps.Generate(image.RequiredDecoded, image.RequiredPreprocessed, regions);
            }
        }
    }
}
