using System.Text.Json;

namespace MedicalImaging.Server.Pipeline.Jobs.Checkpoints;

/// <summary>Checkpoint of the literature stage.</summary>
public sealed class LiteratureStageCheckpoint : IStageCheckpoint
{
    public PipelineStage Stage => PipelineStage.Literature;

    public string Capture(AnalysisState state) =>
        JsonSerializer.Serialize(new LiteratureCheckpoint(state.Citations, state.LiteratureStatus), JobJsonContext.Default.LiteratureCheckpoint);

    public void Restore(AnalysisState state, string stored)
    {
        var checkpoint = JsonSerializer.Deserialize(stored, JobJsonContext.Default.LiteratureCheckpoint)!;
        state.Citations = checkpoint.Citations;
        state.LiteratureStatus = checkpoint.Status;
    }
}
