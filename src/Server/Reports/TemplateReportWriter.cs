using System.Globalization;
using System.Text;
using MedicalImaging.Imaging;
using MedicalImaging.Server.Common;
using MedicalImaging.Server.Pipeline;
using MedicalImaging.Server.Privacy;

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

    public MedicalReport Write(AnalysisState state, DateTimeOffset now)
    {
        var vision = state.Vision ?? throw new InvalidOperationException("The vision stage has not run.");
        var first = state.Images[0].Decoded!.Metadata;
        // Coded values only: report text feeds the embedder and the chat prompt, so header free text stays out.
        var modality = state.Images.Select(i => DicomCodedValues.Modality(i.Decoded!.Metadata.Modality)).Distinct().Count() == 1
            ? DicomCodedValues.Modality(first.Modality) : "MIXED";
        var bodyPart = DicomCodedValues.BodyPart(first.BodyPart);
        var findings = FindingLocations.InSourceCoordinates(vision.Findings, state.Images);
        var abnormal = findings.Where(f => f.Severity >= FindingSeverity.Mild).ToList();
        var overall = findings.Count == 0 ? FindingSeverity.Normal : findings.Max(f => f.Severity);
        if (overall == FindingSeverity.Unspecified)
        {
            overall = FindingSeverity.Normal;
        }

        // The owner's report keeps the raw context; report text (the impression) only ever quotes the redacted form,
        // so nothing downstream (embedder, chat prompt) can re-leak what the caller typed.
        var context = state.Request.ClinicalContext;
        var question = state.DeidentifiedContext?.ClinicalQuestion;
        var impression = abnormal.Count == 0
            ? "No focal abnormality detected by automated quantitative screening. This does not exclude disease."
            : $"Automated screening flagged {abnormal.Count} observation(s) for review: "
              + string.Join("; ", abnormal.Take(3).Select(f => f.Description)) + ".";
        if (!string.IsNullOrWhiteSpace(question))
        {
            impression += $" Clinical question \"{question}\" requires radiologist review; it cannot be answered by quantitative measurements alone.";
        }

        var recommendations = new List<string> { "Radiologist review of the original images." };
        var qualityFlags = state.Images.SelectMany(i => i.Analysis?.QualityFlags ?? []).Distinct().ToList();
        if (qualityFlags.Count > 0)
        {
            recommendations.Add($"Consider repeating the acquisition: image quality flags {string.Join(", ", qualityFlags)}.");
        }

        if (abnormal.Count > 0)
        {
            recommendations.Add("Correlate the flagged regions (see heatmaps) with clinical findings and prior imaging.");
        }

        var limitations = new List<string>();
        if (vision.Provider == Providers.Local.LocalVisionAnalyzer.ProviderName)
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

        if (state.LiteratureStatus == "unavailable")
        {
            limitations.Add("Literature search was unavailable; no references could be retrieved.");
        }

        limitations.AddRange(BurnedInTextNotes.Limitations(state));

        var images = state.Images.Select(ToAnalyzedImage).ToList();
        var technique = BuildTechnique(state, vision);
        var keyFindings = (abnormal.Count > 0 ? abnormal : findings).OrderByDescending(f => f.Severity).ThenByDescending(f => f.Confidence)
            .Take(3).Select(f => $"{f.Description} ({f.Anatomy})").ToList();
        const string comparison = "None available.";

        var report = new MedicalReport
        {
            Id = ReportIds.ForAnalysis(state.AnalysisId),
            AnalysisId = state.AnalysisId,
            OwnerId = state.Request.OwnerId,
            CaseId = state.Request.CaseId,
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
            Citations = state.Citations,
            Images = images,
            CacheKey = state.CacheKey,
            Provenance = new ReportProvenance
            {
                Provider = vision.Provider,
                Model = vision.Model,
                Degraded = vision.Degraded,
                Attempts = vision.Attempts,
                PipelineVersion = PipelineInfo.Version,
                EmbeddingModel = string.Empty,
                EmbeddingDimension = 0,
                // A snapshot: the stages after this one are timed too, but the stored report is written before they end.
                StageMillis = new Dictionary<string, double>(state.StageMillis),
                PromptHashes = vision.PromptHashes,
                LiteratureStatus = state.LiteratureStatus,
            },
        };
        return report with { ReportText = ReportTextFormatter.Format(report) };
    }

    private static string BuildTechnique(AnalysisState state, Providers.VisionResult vision)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{state.Images.Count} image(s): ");
        text.AppendJoin("; ", state.Images.Select(i =>
        {
            var m = i.Decoded!.Metadata;
            var part = DicomCodedValues.BodyPart(m.BodyPart);
            return $"{DicomCodedValues.Modality(m.Modality)}{(part is null ? string.Empty : " " + part)} {m.SourceFormat.ToUpperInvariant()} {i.Decoded.Width}×{i.Decoded.Height}";
        }));
        text.Append(CultureInfo.InvariantCulture, $". Preprocessed with OpenCV; analysed by {vision.Provider} ({vision.Model}).");
        return text.ToString();
    }

    private static AnalyzedImage ToAnalyzedImage(ImageWork image) => new()
    {
        Index = image.Source.Index,
        ImageId = image.ImageId,
        Filename = image.Source.Filename,
        Format = image.Decoded!.Metadata.SourceFormat,
        Width = image.Decoded.Width,
        Height = image.Decoded.Height,
        Modality = DicomCodedValues.Modality(image.Decoded.Metadata.Modality),
        BodyPart = DicomCodedValues.BodyPart(image.Decoded.Metadata.BodyPart),
        Measurements = image.Analysis?.Measurements ?? new Dictionary<string, double>(),
        QualityFlags = image.Analysis?.QualityFlags ?? [],
        Preprocessing = image.Preprocessed?.Parameters ?? new Dictionary<string, string>(),
        HeatmapMethod = image.Heatmap?.Method,
        Dicom = image.Decoded.SourceReference,
    };
}
