using MedicalImaging.Imaging;

namespace MedicalImaging.Server.Pipeline.Stages;

/// <summary>Modality-aware OpenCV preprocessing into the provider image.</summary>
public sealed class PreprocessStage : IAnalysisStage
{
    private readonly IImagePreprocessor _preprocessor;

    public PreprocessStage(IImagePreprocessor preprocessor) => _preprocessor = preprocessor;

    public PipelineStage Stage => PipelineStage.Preprocess;

    public int DonePercent => 35;

    public async Task RunAsync(AnalysisState state, ProgressReporter progress, CancellationToken cancellationToken)
    {
        var options = new PreprocessOptions { MaxDimension = state.Request.Settings.MaxDimension, WindowPreset = state.Request.Settings.WindowPreset };
        foreach (var image in state.Images)
        {
            image.Preprocessed = _preprocessor.Preprocess(image.RequiredDecoded, options);
            await progress.ReportAsync(Stage, DonePercent,
                $"Preprocessed to {image.Preprocessed.Width}×{image.Preprocessed.Height}", cancellationToken, image.Source.Index);
        }
    }
}
