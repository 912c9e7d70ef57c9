namespace MedicalImaging.Server.Pipeline;

/// <summary>One explicit step of the pipeline over the shared typed state.</summary>
public interface IAnalysisStage
{
    /// <summary>Which stage this is.</summary>
    PipelineStage Stage { get; }

    /// <summary>Overall percent reached when this stage is done.</summary>
    int DonePercent { get; }

    /// <summary>Runs the stage, reporting progress as it goes.</summary>
    Task RunAsync(AnalysisState state, ProgressReporter progress, CancellationToken cancellationToken);
}
