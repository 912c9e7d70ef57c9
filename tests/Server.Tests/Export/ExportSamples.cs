using MedicalImaging.Imaging;
using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Reports;

namespace MedicalImaging.Server.Tests.Export;

/// <summary>Stored-report shapes for export tests: a located finding on a DICOM frame, an unlocated one, a PNG source.</summary>
internal static class ExportSamples
{
    public const string StudyUid = "1.2.826.0.1.3680043.8.498.1001";
    public const string SeriesUid = "1.2.826.0.1.3680043.8.498.1002";
    public const string SopUid = "1.2.826.0.1.3680043.8.498.1003";
    public const string SopClass = "1.2.840.10008.5.1.4.1.1.1.1"; // Digital X-Ray Image Storage - For Presentation

    public static MedicalReport Report(bool dicom = true, int frames = 1)
    {
        var reference = dicom ? new DicomImageReference(StudyUid, SeriesUid, SopUid, SopClass, frames > 1 ? 3 : 1) : null;
        var image = new AnalyzedImage
        {
            Index = 0,
            ImageId = new string('a', 64),
            Filename = "chest.dcm",
            Format = dicom ? "dicom" : "png",
            Width = 2000,
            Height = 2500,
            Modality = "DX",
            BodyPart = "CHEST",
            Measurements = new Dictionary<string, double> { ["mean"] = 120 },
            QualityFlags = [],
            Preprocessing = new Dictionary<string, string> { ["frame"] = $"{(frames > 1 ? 2 : 0)} of {frames} (0-based)" },
            HeatmapMethod = "anomaly",
            Dicom = reference,
        };
        ReportFinding[] findings =
        [
            new ReportFinding("f1", "Focal area of local intensity deviation", "image-left upper third", FindingSeverity.Mild, 0.55, 0,
                new NormalizedBox(0.25, 0.2, 0.1, 0.08), "local") { SourceImage = reference },
            new ReportFinding("f2", "Left/right lung-field intensity asymmetry of 18%", "whole image", FindingSeverity.Moderate, 0.6, 0, null, "local") { SourceImage = reference },
        ];
        var report = new MedicalReport
        {
            Id = "rpt_export_1",
            AnalysisId = "an_export_1",
            OwnerId = "owner-1",
            CreatedAt = new DateTimeOffset(2026, 12, 5, 13, 0, 0, TimeSpan.Zero),
            Modality = "DX",
            BodyPart = "CHEST",
            Technique = "1 image(s): DX CHEST DICOM 2000×2500.",
            Comparison = "None available.",
            Findings = findings,
            Impression = "Automated screening flagged 2 observation(s) for review: focal deviation; asymmetry.",
            Recommendations = ["Radiologist review of the original images."],
            Limitations = ["Produced by the local quantitative provider."],
            Disclaimer = TemplateReportWriter.Disclaimer,
            OverallSeverity = FindingSeverity.Moderate,
            KeyFindings = ["Focal area of local intensity deviation (image-left upper third)"],
            ReportText = "FINDINGS: ... IMPRESSION: ...",
            Citations = [],
            Images = [image],
            CacheKey = "k",
            Provenance = new ReportProvenance
            {
                Provider = "local",
                Model = "quantitative-v1",
                Degraded = false,
                Attempts = [],
                PipelineVersion = "test-1",
                EmbeddingModel = "hashing",
                EmbeddingDimension = 256,
                StageMillis = new Dictionary<string, double>(),
                PromptHashes = new Dictionary<string, string>(),
                LiteratureStatus = "disabled",
            },
        };
        return report;
    }
}
