using MedicalImaging.Server.Providers;

namespace MedicalImaging.Server.Pipeline.Stages;

/// <summary>Asks the vision step (provider chain or local) for findings.</summary>
public sealed class VisionStage : IAnalysisStage
{
    private readonly IVisionAnalyzer _vision;

    public VisionStage(IVisionAnalyzer vision) => _vision = vision;

    public PipelineStage Stage => PipelineStage.Vision;

    public int DonePercent => 70;

    public async Task RunAsync(AnalysisState state, ProgressReporter progress, CancellationToken cancellationToken)
    {
        state.Vision = await _vision.AnalyzeAsync(state, cancellationToken);
        await progress.ReportAsync(Stage, DonePercent,
            $"{state.Vision.Findings.Count} finding(s) from {state.Vision.Provider}" + (state.Vision.Degraded ? " (degraded: no AI provider answered)" : string.Empty),
            cancellationToken, provider: state.Vision.Provider);
    }
}
