using System.Globalization;
using System.Text;
using MedicalImaging.Server.Reports;
using MedicalImaging.Server.Security;

namespace MedicalImaging.Server.Chat;

/// <summary>
/// The report as a chat model sees it: structured sections only, clinical free text scrubbed — never
/// the stored report text (which holds the caller's own unscrubbed context) nor file names.
/// </summary>
public static class ChatGrounding
{
    public static string Describe(MedicalReport report, IReadOnlyList<SimilarCaseInfo> similar)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"REPORT: {report.Modality}{(report.BodyPart is null ? string.Empty : " " + report.BodyPart)}, provider {report.Provenance.Provider}");
        if (report.ClinicalContext is { } context)
        {
            text.Append("Clinical context: ");
            if (context.AgeYears is { } age) { text.Append(CultureInfo.InvariantCulture, $"{age} years; "); }
            if (context.Sex is { } sex) { text.Append(sex).Append("; "); }
            if (PhiScrubber.Scrub(context.Indication) is { } indication) { text.Append("indication: ").Append(indication).Append("; "); }
            if (PhiScrubber.Scrub(context.ClinicalQuestion) is { } question) { text.Append("question: ").Append(question).Append("; "); }
            if (context.Symptoms.Count > 0) { text.Append("symptoms: ").AppendJoin(", ", context.Symptoms.Select(s => PhiScrubber.Scrub(s))); }
            text.AppendLine();
        }

        text.AppendLine("Findings:");
        foreach (var finding in report.Findings)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"[{finding.Id}] {finding.Anatomy}: {finding.Description} (severity {finding.Severity.ToString().ToLowerInvariant()}, confidence {finding.Confidence:0.00}, image {finding.ImageIndex})");
        }

        text.AppendLine("Impression: " + report.Impression);
        text.AppendLine("Recommendations: " + string.Join("; ", report.Recommendations));
        text.AppendLine("Limitations: " + string.Join("; ", report.Limitations));
        text.AppendLine("Literature:");
        if (report.Citations.Count == 0)
        {
            text.AppendLine("(none)");
        }

        foreach (var citation in report.Citations)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"[PMID {citation.Pmid}] {citation.Title} {citation.Journal} {citation.Year}");
        }

        if (similar.Count > 0)
        {
            text.AppendLine("Similar prior cases of this user:");
            foreach (var s in similar)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- similarity {s.Score:0.00}: {s.Report.Modality} — {s.Report.Impression}");
            }
        }

        return text.ToString();
    }
}
