using V1 = MedicalImaging.Contracts.V1;

namespace MedicalImaging.Server.Audit;

/// <summary>
/// The RPCs that touch patient-derived data, and so are audited; GetHealth and the grpc.health/reflection services are
/// not. One table, so a new RPC is audited by adding a row rather than a call in its service method.
/// </summary>
public static class AuditedOperations
{
    private const string Report = "report";
    private const string Analysis = "analysis";
    private const string Image = "image";

    private static readonly Dictionary<string, AuditedOperation> ByMethod = new(StringComparer.Ordinal)
    {
        ["/medimaging.v1.ImagingService/UploadImage"] = new("UploadImage", "image.upload", "110107", "C",
            m => One(Image, (m.LastResponse as V1.UploadImageResponse)?.ImageId)),
        ["/medimaging.v1.ImagingService/Analyze"] = new("Analyze", "analysis.start", "110103", "E", AnalyzeObjects),
        ["/medimaging.v1.ImagingService/AnalyzeStudy"] = new("AnalyzeStudy", "analysis.start", "110103", "E", AnalyzeStudyObjects),
        ["/medimaging.v1.ImagingService/WatchAnalysis"] = new("WatchAnalysis", "analysis.watch", "110110", "R",
            m => One(Analysis, (m.Request as V1.WatchAnalysisRequest)?.AnalysisId ?? Route(m, "analysis_id") ?? Route(m, "case_id"))),
        ["/medimaging.v1.ImagingService/GetReport"] = new("GetReport", "report.read", "110110", "R",
            m => One(Report, (m.Request as V1.GetReportRequest)?.ReportId ?? Route(m, "report_id"))),
        ["/medimaging.v1.ImagingService/ListReports"] = new("ListReports", "report.list", "110112", "E",
            m => (m.LastResponse as V1.ListReportsResponse)?.Reports.Select(r => new AuditObject(Report, r.Id)) ?? []),
        ["/medimaging.v1.ImagingService/FindSimilar"] = new("FindSimilar", "report.similar", "110112", "E", SimilarObjects),
        ["/medimaging.v1.ImagingService/DeleteReport"] = new("DeleteReport", "report.delete", "110110", "D",
            m => One(Report, (m.Request as V1.DeleteReportRequest)?.ReportId ?? Route(m, "report_id"))),
        ["/medimaging.v1.ImagingService/GetHeatmap"] = new("GetHeatmap", "report.heatmap", "110103", "R",
            m => One(Report, (m.Request as V1.GetHeatmapRequest)?.ReportId ?? Route(m, "report_id"))),
        ["/medimaging.v1.ImagingService/ExportReport"] = new("ExportReport", "report.export", "110106", "R",
            m => One(Report, (m.Request as V1.ExportReportRequest)?.ReportId ?? Route(m, "report_id"))),
        ["/medimaging.v1.ImagingService/Chat"] = new("Chat", "report.chat", "110110", "E",
            m => m.StreamedObjects,
            r => r is V1.ChatRequest { ReportId.Length: > 0 } chat ? new AuditObject(Report, chat.ReportId) : null),
        ["/medimaging.v1.ImagingService/SendChatMessage"] = new("SendChatMessage", "report.chat", "110110", "E",
            m => One(Report, (m.Request as V1.SendChatMessageRequest)?.ReportId ?? Route(m, "report_id"))),
        // DICOMweb (REST, not RPCs): recorded by DicomWeb.DicomWebAuditFilter with the studies/instances each call touched.
        ["DICOMweb/STOW-RS"] = new("StoreInstances", "dicomweb.store", "110107", "C", m => m.StreamedObjects),
        ["DICOMweb/QIDO-RS"] = new("SearchForStudies", "dicomweb.search", "110112", "E", m => m.StreamedObjects),
        ["DICOMweb/WADO-RS"] = new("RetrieveInstances", "dicomweb.retrieve", "110103", "R", m => m.StreamedObjects),
        ["/medimaging.v1.AuditService/ListAuditEvents"] = new("ListAuditEvents", "audit.read", "110101", "R",
            _ => [new AuditObject("audit-log", "audit-log")]),
    };

    /// <summary>The audited operation of a gRPC method path (/package.Service/Method), or null when it is not audited.</summary>
    public static AuditedOperation? Find(string method) => ByMethod.GetValueOrDefault(method);

    private static IEnumerable<AuditObject> AnalyzeObjects(AuditCallMessages m)
    {
        var analysisId = (m.FirstResponse as V1.AnalyzeResponse)?.AnalysisId;
        if (!string.IsNullOrEmpty(analysisId))
        {
            yield return new AuditObject(Analysis, analysisId);
        }

        foreach (var input in (m.Request as V1.AnalyzeRequest)?.Images ?? [])
        {
            if (input.SourceCase == V1.ImageInput.SourceOneofCase.ImageId && !string.IsNullOrEmpty(input.ImageId))
            {
                yield return new AuditObject(Image, input.ImageId);
            }
        }

        var reportId = (m.LastResponse as V1.AnalyzeResponse)?.Result?.Report?.Id;
        if (!string.IsNullOrEmpty(reportId))
        {
            yield return new AuditObject(Report, reportId);
        }
    }

    private static IEnumerable<AuditObject> AnalyzeStudyObjects(AuditCallMessages m)
    {
        var study = (m.Request as V1.AnalyzeStudyRequest)?.StudyInstanceUid ?? Route(m, "study_instance_uid");
        var analysisId = (m.FirstResponse as V1.AnalyzeResponse)?.AnalysisId;
        var reportId = (m.LastResponse as V1.AnalyzeResponse)?.Result?.Report?.Id;
        return One("study", study).Concat(One(Analysis, analysisId)).Concat(One(Report, reportId));
    }

    private static IEnumerable<AuditObject> SimilarObjects(AuditCallMessages m)
    {
        var query = (m.Request as V1.FindSimilarRequest)?.ReportId ?? Route(m, "report_id");
        var found = (m.LastResponse as V1.FindSimilarResponse)?.Results.Select(r => new AuditObject(Report, r.ReportId)) ?? [];
        return One(Report, query).Concat(found);
    }

    private static IEnumerable<AuditObject> One(string type, string? id) =>
        string.IsNullOrEmpty(id) ? [] : [new AuditObject(type, id)];

    private static string? Route(AuditCallMessages m, string name) => m.RouteValues.GetValueOrDefault(name);
}
