using System.Text.Json;
using MedicalImaging.Imaging;
using MedicalImaging.Server.Pipeline.Stages;

namespace MedicalImaging.Server.Pipeline.Jobs.Checkpoints;

/// <summary>Checkpoint of the vision stage; restoring it fuses the answer's regions into the recomputed heatmaps again.</summary>
public sealed class VisionStageCheckpoint : IStageCheckpoint
{
    private readonly IHeatmapGenerator _heatmaps;

    public VisionStageCheckpoint(IHeatmapGenerator heatmaps) => _heatmaps = heatmaps;

    public PipelineStage Stage => PipelineStage.Vision;

    public string Capture(AnalysisState state) => JsonSerializer.Serialize(
        new VisionCheckpoint(state.RequiredVision, state.Images.Select(i => i.BurnedInText).ToList()), JobJsonContext.Default.VisionCheckpoint);

    public void Restore(AnalysisState state, string stored)
    {
        var checkpoint = JsonSerializer.Deserialize(stored, JobJsonContext.Default.VisionCheckpoint)!;
        state.Vision = checkpoint.Vision;
        for (var i = 0; i < state.Images.Count && i < checkpoint.BurnedInText.Count; i++)
        {
            state.Images[i].BurnedInText = checkpoint.BurnedInText[i];
        }

        VisionStage.FuseRegions(_heatmaps, state);
    }
}
