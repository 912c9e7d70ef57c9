using MedicalImaging.Server.Pipeline;

namespace MedicalImaging.Server.Reports;

/// <summary>Writes the structured report from the analysis state.</summary>
public interface IReportWriter
{
    MedicalReport Write(AnalysisState state, DateTimeOffset now);
}
