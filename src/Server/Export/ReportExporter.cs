using MedicalImaging.Server.Catalog;
using System.Text;
using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Export.Fhir;
using MedicalImaging.Server.Export.Sr;
using MedicalImaging.Server.Reports;

namespace MedicalImaging.Server.Export;

/// <summary>
/// Exports one of the caller's reports as DICOM SR, FHIR R4 or JSON. Owner-scoped through <see cref="ReportCatalog"/>:
/// another user's report is not found, exactly like GetReport. The JSON form is made by the API layer (it is the
/// contract message), so this class is handed a formatter for it rather than depending on contract types.
/// </summary>
public sealed class ReportExporter
{
    private readonly ReportCatalog _reports;

    public ReportExporter(ReportCatalog reports) => _reports = reports;

    /// <summary>Parses a format name (sr, fhir, json; case-insensitive).</summary>
    /// <exception cref="InvalidRequestException">The name is none of them.</exception>
    public static ReportExportFormat ParseFormat(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "sr" or "dicom" => ReportExportFormat.Sr,
        "fhir" => ReportExportFormat.Fhir,
        "json" => ReportExportFormat.Json,
        _ => throw new InvalidRequestException("format", $"format must be sr, fhir or json (got '{name}')."),
    };

    /// <summary>The report <paramref name="reportId"/> of <paramref name="ownerId"/> in <paramref name="format"/>.</summary>
    public async Task<ExportedReport> ExportAsync(string ownerId, string reportId, ReportExportFormat format, Func<MedicalReport, string> json, CancellationToken cancellationToken)
    {
        var report = await _reports.GetAsync(ownerId, reportId, cancellationToken);
        return format switch
        {
            ReportExportFormat.Sr => new ExportedReport(SrDocumentBuilder.Write(report), "application/dicom", report.Id + ".dcm"),
            ReportExportFormat.Fhir => new ExportedReport(Encoding.UTF8.GetBytes(FhirBundleBuilder.ToJson(report)), "application/fhir+json", report.Id + ".fhir.json"),
            _ => new ExportedReport(Encoding.UTF8.GetBytes(json(report)), "application/json", report.Id + ".json"),
        };
    }
}
