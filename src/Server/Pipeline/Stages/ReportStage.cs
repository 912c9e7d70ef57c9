using MedicalImaging.Server.Reports;

namespace MedicalImaging.Server.Pipeline.Stages;

/// <summary>Writes the structured report.</summary>
public sealed class ReportStage : IAnalysisStage
{
    private readonly IReportWriter _writer;
    private readonly TimeProvider _time;

    public ReportStage(IReportWriter writer, TimeProvider time)
    {
        _writer = writer;
        _time = time;
    }

    public PipelineStage Stage => PipelineStage.Report;

    public int DonePercent => 80;

    public async Task RunAsync(AnalysisState state, ProgressReporter progress, CancellationToken cancellationToken)
    {
        state.Report = _writer.Write(state, _time.GetUtcNow());
        await progress.ReportAsync(Stage, DonePercent,
            $"Report written: {state.Report.Findings.Count} finding(s), overall {state.Report.OverallSeverity.ToString().ToLowerInvariant()}",
            cancellationToken, provider: state.Report.Provenance.Provider);
    }
}
