using System.Globalization;
using System.Text;
using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Privacy;

namespace MedicalImaging.Server.Chat;

/// <summary>
/// The report as a chat model sees it: structured sections only, each through the egress guard (known
/// identifiers and free-text PHI redacted), inside a data section the prompt says never to follow — never the
/// stored report text (which holds the caller's own unscrubbed context) nor file names.
/// </summary>
public static class ChatGrounding
{
    /// <summary>The identifiers a chat about <paramref name="report"/> knows: its case id and file names.</summary>
    public static IdentifierSet KnownIdentifiers(MedicalReport report)
    {
        var known = new IdentifierSet().Add(report.CaseId);
        foreach (var image in report.Images)
        {
            known.AddFileName(image.Filename);
        }

        return known;
    }

    /// <summary>What a chat says about similar cases of a report not yet embedded.</summary>
    public const string SimilarCasesPending =
        "Similar prior cases are not available for this report yet: its embedding is pending (it is embedded at the next start), so no similar-case search was made.";

    /// <summary>
    /// This server's own note beside the data section when similar cases could not be searched, so a question about
    /// them is answered truthfully instead of as "there are none".
    /// </summary>
    public const string SimilarCasesPendingNote = SimilarCasesPending + " If the user asks about similar cases, tell them so.";

    public static string Describe(MedicalReport report, IReadOnlyList<SimilarCaseInfo> similar, EgressGuard guard, IdentifierSet known)
    {
        string R(string? value) => guard.Redact(value, known);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"REPORT: {DicomCodedValues.Modality(report.Modality)}{(DicomCodedValues.BodyPart(report.BodyPart) is { } part ? " " + part : string.Empty)}, provider {report.Provenance.Provider}");
        if (report.ClinicalContext is { } context)
        {
            text.Append("Clinical context: ");
            if (context.AgeYears is { } age) { text.Append(EgressGuard.Age(age)).Append("; "); }
            if (context.Sex is { } sex) { text.Append(sex).Append("; "); }
            if (context.Indication is { } indication) { text.Append("indication: ").Append(R(indication)).Append("; "); }
            if (context.ClinicalQuestion is { } question) { text.Append("question: ").Append(R(question)).Append("; "); }
            if (context.Symptoms.Count > 0) { text.Append("symptoms: ").AppendJoin(", ", context.Symptoms.Select(R)); }
            text.AppendLine();
        }

        text.AppendLine("Findings:");
        foreach (var finding in report.Findings)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"[{finding.Id}] {R(finding.Anatomy)}: {R(finding.Description)} (severity {finding.Severity.ToString().ToLowerInvariant()}, confidence {finding.Confidence:0.00}, image {finding.ImageIndex})");
        }

        text.AppendLine("Impression: " + R(report.Impression));
        text.AppendLine("Recommendations: " + string.Join("; ", report.Recommendations.Select(R)));
        text.AppendLine("Limitations: " + string.Join("; ", report.Limitations.Select(R)));
        text.AppendLine("Literature:");
        if (report.Citations.Count == 0)
        {
            text.AppendLine("(none)");
        }

        foreach (var citation in report.Citations)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"[PMID {citation.Pmid}] {EgressGuard.RedactKnown(citation.Title, known)} {EgressGuard.RedactKnown(citation.Journal, known)} {citation.Year}");
        }

        if (similar.Count > 0)
        {
            text.AppendLine("Similar prior cases of this user:");
            foreach (var s in similar)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- similarity {s.Score:0.00}: {DicomCodedValues.Modality(s.Report.Modality)} — {R(s.Report.Impression)}");
            }
        }

        return EgressGuard.DataSection(text.ToString());
    }
}
