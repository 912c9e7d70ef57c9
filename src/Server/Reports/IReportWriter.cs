using MedicalImaging.Server.Domain;

namespace MedicalImaging.Server.Reports;

/// <summary>Writes the structured report from the analysis state.</summary>
public interface IReportWriter
{
    MedicalReport Write(ReportInput input, DateTimeOffset now);
}
