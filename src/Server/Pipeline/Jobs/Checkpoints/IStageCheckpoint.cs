namespace MedicalImaging.Server.Pipeline.Jobs.Checkpoints;

/// <summary>
/// The stored output of one stage that costs money or time (a provider answer, a search, a written report,
/// an embedding): saved when the stage ends, restored instead of running the stage when an analysis resumes.
/// Cheap, deterministic stages (decode, preprocess, measurements, heatmaps) have none: they run again.
/// </summary>
public interface IStageCheckpoint
{
    /// <summary>The stage whose output this is.</summary>
    PipelineStage Stage { get; }

    /// <summary>The stage's output in <paramref name="state"/>, as stored text.</summary>
    string Capture(AnalysisState state);

    /// <summary>Puts the stored output back into <paramref name="state"/>.</summary>
    void Restore(AnalysisState state, string stored);
}
