using System.Text.Json;

namespace MedicalImaging.Server.Pipeline.Jobs.Checkpoints;

/// <summary>Checkpoint of the embed stage: the vector and the report's embedding provenance.</summary>
public sealed class EmbedStageCheckpoint : IStageCheckpoint
{
    public PipelineStage Stage => PipelineStage.Embed;

    public string Capture(AnalysisState state) =>
        JsonSerializer.Serialize(new EmbedCheckpoint(state.RequiredReport, state.Embedding ?? []), JobJsonContext.Default.EmbedCheckpoint);

    public void Restore(AnalysisState state, string stored)
    {
        var checkpoint = JsonSerializer.Deserialize(stored, JobJsonContext.Default.EmbedCheckpoint)!;
        state.Report = checkpoint.Report;
        state.Embedding = checkpoint.Embedding;
    }
}
