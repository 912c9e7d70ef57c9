using System.Text.Json;
using MedicalImaging.Server.Domain;

namespace MedicalImaging.Server.Pipeline.Jobs.Checkpoints;

/// <summary>Checkpoint of the report stage: the written report (text, draft applied, review, attempts).</summary>
public sealed class ReportStageCheckpoint : IStageCheckpoint
{
    public PipelineStage Stage => PipelineStage.Report;

    public string Capture(AnalysisState state) => JsonSerializer.Serialize(state.RequiredReport, JobJsonContext.Default.MedicalReport);

    public void Restore(AnalysisState state, string stored) =>
        state.Report = JsonSerializer.Deserialize(stored, JobJsonContext.Default.MedicalReport)!;
}
