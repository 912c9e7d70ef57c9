using System.Globalization;
using System.Text;

namespace MedicalImaging.Server.Domain;

/// <summary>Formats the complete report text from its structured sections.</summary>
public static class ReportTextFormatter
{
    public static string Format(MedicalReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"MEDICAL IMAGING REPORT — {report.Modality}{(report.BodyPart is null ? string.Empty : " " + report.BodyPart)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Report {report.Id} · {report.CreatedAt:yyyy-MM-dd HH:mm} UTC · provider {report.Provenance.Provider}{(report.Provenance.Degraded ? " (degraded)" : string.Empty)}");
        text.AppendLine();
        if (report.ClinicalContext is { } context)
        {
            text.AppendLine("CLINICAL INFORMATION");
            var parts = new List<string>();
            if (context.AgeYears is { } age) { parts.Add($"{age}-year-old"); }
            if (context.Sex is { } sex) { parts.Add(sex); }
            if (!string.IsNullOrEmpty(context.Indication)) { parts.Add("indication: " + context.Indication); }
            if (!string.IsNullOrEmpty(context.ClinicalQuestion)) { parts.Add("question: " + context.ClinicalQuestion); }
            if (context.Symptoms.Count > 0) { parts.Add("symptoms: " + string.Join(", ", context.Symptoms)); }
            text.AppendLine(string.Join("; ", parts)).AppendLine();
        }

        Section(text, "TECHNIQUE", report.Technique);
        Section(text, "COMPARISON", report.Comparison);
        text.AppendLine("FINDINGS");
        if (report.Findings.Count == 0)
        {
            text.AppendLine("No findings reported.");
        }

        foreach (var finding in report.Findings)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"- [{finding.Id}] {finding.Anatomy}: {finding.Description} (severity {finding.Severity.ToString().ToLowerInvariant()}, confidence {finding.Confidence:0.00}, image {finding.ImageIndex + 1})");
        }

        text.AppendLine();
        Section(text, "IMPRESSION", report.Impression);
        List(text, "RECOMMENDATIONS", report.Recommendations);
        List(text, "LIMITATIONS", report.Limitations);
        if (report.Citations.Count > 0)
        {
            text.AppendLine("REFERENCES");
            for (var i = 0; i < report.Citations.Count; i++)
            {
                var c = report.Citations[i];
                text.AppendLine(CultureInfo.InvariantCulture, $"{i + 1}. {string.Join(", ", c.Authors.Take(3))}{(c.Authors.Count > 3 ? " et al." : string.Empty)}. {c.Title} {c.Journal}. {c.Year}. PMID {c.Pmid}.");
            }

            text.AppendLine();
        }

        text.Append(report.Disclaimer);
        return text.ToString();
    }

    private static void Section(StringBuilder text, string title, string body) => text.AppendLine(title).AppendLine(body).AppendLine();

    private static void List(StringBuilder text, string title, IReadOnlyList<string> items)
    {
        text.AppendLine(title);
        foreach (var item in items)
        {
            text.Append("- ").AppendLine(item);
        }

        text.AppendLine();
    }
}
