using Google.Protobuf.WellKnownTypes;
using MedicalImaging.Imaging;
using MedicalImaging.Server.Domain;
using V1 = MedicalImaging.Contracts.V1;

namespace MedicalImaging.Server.Api.Mapping;

/// <summary>Domain reports → contract messages.</summary>
public static class ReportMapper
{
    public static V1.Report ToContract(MedicalReport report)
    {
        var message = new V1.Report
        {
            Id = report.Id,
            AnalysisId = report.AnalysisId,
            CaseId = report.CaseId ?? string.Empty,
            CreatedAt = Timestamp.FromDateTimeOffset(report.CreatedAt),
            Modality = report.Modality,
            BodyPart = report.BodyPart ?? string.Empty,
            Technique = report.Technique,
            Comparison = report.Comparison,
            Impression = report.Impression,
            Disclaimer = report.Disclaimer,
            OverallSeverity = ToContract(report.OverallSeverity),
            ReportText = report.ReportText,
            Provenance = ToContract(report.Provenance),
            StoragePending = report.StoragePending,
        };
        if (report.ClinicalContext is { } context)
        {
            message.ClinicalContext = ContextMapper.ToContract(context);
        }

        message.Findings.AddRange(report.Findings.Select(ToContract));
        message.Recommendations.AddRange(report.Recommendations);
        message.Limitations.AddRange(report.Limitations);
        message.KeyFindings.AddRange(report.KeyFindings);
        message.Citations.AddRange(report.Citations.Select(ToContract));
        message.Images.AddRange(report.Images.Select(ToContract));
        return message;
    }

    public static V1.ReportSummary ToContract(ReportSummaryInfo summary) => new()
    {
        Id = summary.Id,
        CaseId = summary.CaseId ?? string.Empty,
        CreatedAt = Timestamp.FromDateTimeOffset(summary.CreatedAt),
        Modality = summary.Modality,
        BodyPart = summary.BodyPart ?? string.Empty,
        Impression = summary.Impression,
        OverallSeverity = ToContract(summary.OverallSeverity),
        FindingCount = summary.FindingCount,
        Provider = summary.Provider,
        StoragePending = summary.StoragePending,
    };

    public static V1.Severity ToContract(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Normal => V1.Severity.Normal,
        FindingSeverity.Mild => V1.Severity.Mild,
        FindingSeverity.Moderate => V1.Severity.Moderate,
        FindingSeverity.Severe => V1.Severity.Severe,
        FindingSeverity.Critical => V1.Severity.Critical,
        _ => V1.Severity.Unspecified,
    };

    private static V1.Finding ToContract(ReportFinding finding)
    {
        var message = new V1.Finding
        {
            Id = finding.Id,
            Description = finding.Description,
            Anatomy = finding.Anatomy,
            Severity = ToContract(finding.Severity),
            Confidence = finding.Confidence,
            ImageIndex = finding.ImageIndex,
            Source = finding.Source,
        };
        if (finding.Region is { } box)
        {
            message.Region = new V1.BoundingBox { X = box.X, Y = box.Y, Width = box.Width, Height = box.Height };
        }

        if (finding.SourceImage is { } source)
        {
            message.SourceImage = ToContract(source);
        }

        return message;
    }

    private static V1.ImageReference ToContract(DicomImageReference reference) => new()
    {
        StudyInstanceUid = reference.StudyInstanceUid,
        SeriesInstanceUid = reference.SeriesInstanceUid,
        SopInstanceUid = reference.SopInstanceUid,
        SopClassUid = reference.SopClassUid,
        FrameNumber = reference.FrameNumber,
    };

    private static V1.Citation ToContract(LiteratureCitation citation)
    {
        var message = new V1.Citation
        {
            Pmid = citation.Pmid,
            Title = citation.Title,
            Journal = citation.Journal,
            Year = citation.Year,
            Doi = citation.Doi ?? string.Empty,
            Url = citation.Url,
        };
        message.Authors.AddRange(citation.Authors);
        return message;
    }

    private static V1.ImageSummary ToContract(AnalyzedImage image)
    {
        var message = new V1.ImageSummary
        {
            Index = image.Index,
            ImageId = image.ImageId,
            Filename = image.Filename,
            Format = image.Format,
            Width = image.Width,
            Height = image.Height,
            Modality = image.Modality,
            BodyPart = image.BodyPart ?? string.Empty,
            HasHeatmap = image.HeatmapMethod is not null,
            HeatmapMethod = image.HeatmapMethod ?? string.Empty,
        };
        if (image.Dicom is { } dicom)
        {
            message.Dicom = ToContract(dicom);
        }

        foreach (var (name, value) in image.Measurements)
        {
            message.Measurements[name] = value;
        }

        message.QualityFlags.AddRange(image.QualityFlags);
        foreach (var (name, value) in image.Preprocessing)
        {
            message.Preprocessing[name] = value;
        }

        return message;
    }

    private static V1.Provenance ToContract(ReportProvenance provenance)
    {
        var message = new V1.Provenance
        {
            Provider = provenance.Provider,
            Model = provenance.Model,
            Degraded = provenance.Degraded,
            PipelineVersion = provenance.PipelineVersion,
            EmbeddingModel = provenance.EmbeddingModel,
            EmbeddingDimension = provenance.EmbeddingDimension,
            LiteratureStatus = provenance.LiteratureStatus,
            QualityScore = provenance.QualityScore,
            Regenerated = provenance.Regenerated,
            UnverifiedReferencesRemoved = provenance.UnverifiedReferencesRemoved,
        };
        message.QualityFeedback.AddRange(provenance.QualityFeedback);
        message.Attempts.AddRange(provenance.Attempts.Select(a =>
        {
            var attempt = new V1.ProviderAttempt
            {
                Provider = a.Provider,
                Model = a.Model,
                Outcome = a.Outcome,
                LatencyMs = a.LatencyMs,
                InputTokens = a.InputTokens,
                OutputTokens = a.OutputTokens,
                Error = a.Error ?? string.Empty,
                Purpose = a.Purpose,
                ImagesDropped = a.ImagesDropped,
                RequestBytes = a.RequestBytes,
            };
            attempt.ImagesSent.AddRange((a.ImagesSent ?? []).Select(i => new V1.SentImage
            {
                Index = i.Index, Width = i.Width, Height = i.Height, Bytes = i.Bytes, MediaType = i.MediaType,
            }));
            return attempt;
        }));
        foreach (var (stage, millis) in provenance.StageMillis)
        {
            message.StageMillis[stage] = millis;
        }

        foreach (var (prompt, hash) in provenance.PromptHashes)
        {
            message.PromptHashes[prompt] = hash;
        }

        return message;
    }
}
