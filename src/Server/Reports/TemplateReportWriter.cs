using System.Globalization;
using System.Text;
using MedicalImaging.Imaging;
using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Privacy;
using MedicalImaging.Server.Providers;

namespace MedicalImaging.Server.Reports;

/// <summary>
/// The local template report: sections filled from measurements and findings, in cautious wording,
/// clearly labelled with the provider that produced it and not for diagnosis.
/// </summary>
public sealed class TemplateReportWriter : IReportWriter
{
    public const string Disclaimer =
        "NOT FOR DIAGNOSTIC USE. This report was generated automatically by software and has not been reviewed by a radiologist. "
        + "It must be verified by a qualified clinician before any clinical decision.";

    public MedicalReport Write(ReportInput input, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        var vision = input.Vision;
        var first = input.Images[0].Metadata;
        // Coded values only: report text feeds the embedder and the chat prompt, so header free text stays out.
        var modality = input.Images.Select(i => DicomCodedValues.Modality(i.Metadata.Modality)).Distinct().Count() == 1
            ? DicomCodedValues.Modality(first.Modality) : "MIXED";
        var bodyPart = DicomCodedValues.BodyPart(first.BodyPart);
        var findings = FindingLocations.InSourceCoordinates(vision.Findings, input.Images);
        var abnormal = findings.Where(f => f.Severity >= FindingSeverity.Mild).ToList();
        var overall = findings.Count == 0 ? FindingSeverity.Normal : findings.Max(f => f.Severity);
        if (overall == FindingSeverity.Unspecified)
        {
            overall = FindingSeverity.Normal;
        }

        // The owner's report keeps the raw context; report text (the impression) only ever quotes the redacted form,
        // so nothing downstream (embedder, chat prompt) can re-leak what the caller typed.
        var context = input.ClinicalContext;
        var question = input.DeidentifiedContext?.ClinicalQuestion;
        var impression = abnormal.Count == 0
            ? "No focal abnormality detected by automated quantitative screening. This does not exclude disease."
            : $"Automated screening flagged {abnormal.Count} observation(s) for review: "
              + string.Join("; ", abnormal.Take(3).Select(f => f.Description)) + ".";
        if (!string.IsNullOrWhiteSpace(question))
        {
            impression += $" Clinical question \"{question}\" requires radiologist review; it cannot be answered by quantitative measurements alone.";
        }

        var recommendations = new List<string> { "Radiologist review of the original images." };
        var qualityFlags = input.Images.SelectMany(i => i.Analysis?.QualityFlags ?? []).Distinct().ToList();
        if (qualityFlags.Count > 0)
        {
            recommendations.Add($"Consider repeating the acquisition: image quality flags {string.Join(", ", qualityFlags)}.");
        }

        if (abnormal.Count > 0)
        {
            recommendations.Add("Correlate the flagged regions (see heatmaps) with clinical findings and prior imaging.");
        }

        var limitations = new List<string>();
        if (vision.IsLocal)
        {
            limitations.Add(vision.Degraded
                ? "Degraded: no AI provider answered, so the local quantitative provider produced this report (intensity measurements and a template, no AI vision model)."
                : "Produced by the local quantitative provider: intensity measurements and a template, no AI vision model.");
        }
        else
        {
            limitations.Add($"Findings were produced by an AI vision model ({vision.Provider}, {vision.Model}) and may be wrong or incomplete.");
        }

        if (vision.Attempts.Any(a => a.Outcome == EgressBlockedException.Outcome))
        {
            limitations.Add("The privacy guard refused to send this request to the AI provider(s) because a known patient identifier remained after redaction; the analysis went on without them.");
        }

        limitations.Add("Automated measurements are not validated for diagnosis.");
        if (qualityFlags.Count > 0)
        {
            limitations.Add($"Image quality: {string.Join(", ", qualityFlags)}.");
        }

        if (input.LiteratureStatus == "unavailable")
        {
            limitations.Add("Literature search was unavailable; no references could be retrieved.");
        }

        limitations.AddRange(BurnedInTextNotes.Limitations(input.Images));

        var images = input.Images.Select(ToAnalyzedImage).ToList();
        var technique = BuildTechnique(input, vision);
        var keyFindings = (abnormal.Count > 0 ? abnormal : findings).OrderByDescending(f => f.Severity).ThenByDescending(f => f.Confidence)
            .Take(3).Select(f => $"{f.Description} ({f.Anatomy})").ToList();
        const string comparison = "None available.";

        var report = new MedicalReport
        {
            Id = ReportIds.ForAnalysis(input.AnalysisId),
            AnalysisId = input.AnalysisId,
            OwnerId = input.OwnerId,
            CaseId = input.CaseId,
            CreatedAt = now,
            Modality = modality,
            BodyPart = bodyPart,
            ClinicalContext = context is { IsEmpty: false } ? context : null,
            Technique = technique,
            Comparison = comparison,
            Findings = findings,
            Impression = impression,
            Recommendations = recommendations,
            Limitations = limitations,
            Disclaimer = Disclaimer,
            OverallSeverity = overall,
            KeyFindings = keyFindings,
            ReportText = string.Empty,
            Citations = input.Citations,
            Images = images,
            CacheKey = input.CacheKey,
            Provenance = new ReportProvenance
            {
                Provider = vision.Provider,
                Model = vision.Model,
                Degraded = vision.Degraded,
                Attempts = vision.Attempts,
                PipelineVersion = input.PipelineVersion,
                EmbeddingModel = string.Empty,
                EmbeddingDimension = 0,
                // A snapshot: the stages after this one are timed too, but the stored report is written before they end.
                StageMillis = input.StageMillis,
                PromptHashes = vision.PromptHashes,
                LiteratureStatus = input.LiteratureStatus,
            },
        };
        return report with { ReportText = ReportTextFormatter.Format(report) };
    }

    private static string BuildTechnique(ReportInput input, VisionResult vision)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{input.Images.Count} image(s): ");
        text.AppendJoin("; ", input.Images.Select(i =>
        {
            var m = i.Metadata;
            var part = DicomCodedValues.BodyPart(m.BodyPart);
            return $"{DicomCodedValues.Modality(m.Modality)}{(part is null ? string.Empty : " " + part)} {m.SourceFormat.ToUpperInvariant()} {i.Width}×{i.Height}";
        }));
        text.Append(CultureInfo.InvariantCulture, $". Preprocessed with OpenCV; analysed by {vision.Provider} ({vision.Model}).");
        return text.ToString();
    }

    private static AnalyzedImage ToAnalyzedImage(ReportImage image) => new()
    {
        Index = image.Index,
        ImageId = image.ImageId,
        Filename = image.Filename,
        Format = image.Metadata.SourceFormat,
        Width = image.Width,
        Height = image.Height,
        Modality = DicomCodedValues.Modality(image.Metadata.Modality),
        BodyPart = DicomCodedValues.BodyPart(image.Metadata.BodyPart),
        Measurements = image.Analysis?.Measurements ?? new Dictionary<string, double>(),
        QualityFlags = image.Analysis?.QualityFlags ?? [],
        Preprocessing = image.Preprocessing ?? new Dictionary<string, string>(),
        HeatmapMethod = image.HeatmapMethod,
        Dicom = image.SourceReference,
    };
}
