using V1 = MedicalImaging.Contracts.V1;

namespace MedicalImaging.Client.Mapping;

/// <summary>Contract messages → the SDK's own types.</summary>
internal static class ContractMapper
{
    public static AnalysisUpdate ToUpdate(string analysisId, long sequence, V1.AnalysisProgress? progress, V1.AnalysisResult? result) => new(
        analysisId,
        sequence,
        progress is null ? null : new AnalysisProgress(Stage(progress.Stage), progress.Percent, progress.Message, progress.ImageIndex, Blank(progress.Provider)),
        result is null ? null : new AnalysisResult(ToReport(result.Report), result.Cached, result.Degraded));

    public static ChatUpdate ToChatUpdate(V1.ChatResponse response) =>
        response.EventCase == V1.ChatResponse.EventOneofCase.Delta
            ? new ChatUpdate(response.Delta.Text, null)
            : new ChatUpdate(null, ToReply(response.Message));

    public static MedicalReport ToReport(V1.Report r) => new()
    {
        Id = r.Id,
        AnalysisId = r.AnalysisId,
        CaseId = Blank(r.CaseId),
        CreatedAt = r.CreatedAt?.ToDateTimeOffset() ?? DateTimeOffset.MinValue,
        Modality = r.Modality,
        BodyPart = Blank(r.BodyPart),
        Technique = r.Technique,
        Comparison = r.Comparison,
        Findings = r.Findings.Select(f => new Finding(f.Id, f.Description, f.Anatomy, Severity(f.Severity), f.Confidence, f.ImageIndex, f.Source)).ToList(),
        Impression = r.Impression,
        Recommendations = r.Recommendations.ToList(),
        Limitations = r.Limitations.ToList(),
        Disclaimer = r.Disclaimer,
        OverallSeverity = Severity(r.OverallSeverity),
        KeyFindings = r.KeyFindings.ToList(),
        ReportText = r.ReportText,
        Citations = r.Citations.Select(c => new Citation(c.Pmid, c.Title, c.Authors.ToList(), c.Journal, c.Year, Blank(c.Doi), c.Url)).ToList(),
        Images = r.Images.Select(i => new ReportImage(i.Index, i.ImageId, i.Filename, i.Format, i.Width, i.Height,
            i.Measurements.ToDictionary(), i.QualityFlags.ToList(), i.HasHeatmap, Blank(i.HeatmapMethod))).ToList(),
        Provenance = new ReportProvenance(
            r.Provenance?.Provider ?? string.Empty,
            r.Provenance?.Model ?? string.Empty,
            r.Provenance?.Degraded ?? false,
            r.Provenance?.Attempts.Select(a => new ProviderAttempt(a.Provider, a.Model, a.Outcome, a.LatencyMs, a.Purpose, Blank(a.Error))
            {
                ImagesSent = a.ImagesSent.Select(i => new SentImage(i.Index, i.Width, i.Height, i.Bytes, i.MediaType)).ToList(),
                ImagesDropped = a.ImagesDropped,
            }).ToList() ?? [],
            r.Provenance?.LiteratureStatus ?? string.Empty,
            r.Provenance?.QualityScore ?? 0,
            r.Provenance?.PromptHashes.ToDictionary() ?? []),
        StoragePending = r.StoragePending,
    };

    public static ReportSummary ToSummary(V1.ReportSummary s) => new(
        s.Id, Blank(s.CaseId), s.CreatedAt?.ToDateTimeOffset() ?? DateTimeOffset.MinValue, s.Modality, Blank(s.BodyPart), s.Impression, Severity(s.OverallSeverity), s.FindingCount, s.Provider)
    {
        StoragePending = s.StoragePending,
    };

    public static SimilarCase ToSimilar(V1.SimilarCase s) => new(
        s.ReportId, s.Score, s.Modality, s.Impression, s.CreatedAt?.ToDateTimeOffset() ?? DateTimeOffset.MinValue, s.SharedAnatomy.ToList(), s.Reason, s.SharedConditions.ToList());

    public static HealthStatus ToHealth(V1.GetHealthResponse h) => new(
        h.Status switch { V1.ServingStatus.Serving => "serving", V1.ServingStatus.Degraded => "degraded", _ => "not_serving" },
        h.Version,
        h.Providers.Select(p => new ProviderStatus(p.Name, p.Model, p.CircuitState switch
        {
            V1.CircuitState.Open or V1.CircuitState.Isolated => "open",
            V1.CircuitState.HalfOpen => "half_open",
            _ => "closed",
        }, p.SuccessRate, string.IsNullOrEmpty(p.Warning) ? null : p.Warning)).ToList(),
        h.Database?.Provider ?? string.Empty,
        h.Database?.Healthy ?? false,
        h.IndexedReports,
        h.Details)
    {
        OutboxDepth = h.Database?.OutboxDepth ?? 0,
    };

    public static ChatReply ToReply(V1.ChatMessage m) =>
        new(m.Content, m.Provider, m.FindingIds.ToList(), m.CitedPmids.ToList(), m.Model.Length == 0 ? null : m.Model, m.UnverifiedReferencesRemoved);

    private static string Stage(V1.AnalysisStage stage) => stage.ToString().ToLowerInvariant();

    private static string Severity(V1.Severity severity) => severity == V1.Severity.Unspecified ? "unspecified" : severity.ToString().ToLowerInvariant();

    private static string? Blank(string value) => string.IsNullOrEmpty(value) ? null : value;
}
