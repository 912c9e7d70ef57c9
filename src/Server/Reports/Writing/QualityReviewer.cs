using System.Text.RegularExpressions;
using MedicalImaging.Imaging;
using MedicalImaging.Server.Domain;

namespace MedicalImaging.Server.Reports.Writing;

/// <summary>
/// Local-rule quality review of a report against its findings and literature: missing findings,
/// contradictions, unsupported claims and citation misuse each cost points. Deterministic, so the same
/// report always scores the same; the score and feedback go into the provenance.
/// </summary>
public static partial class QualityReviewer
{
    public static QualityReview Review(
        IReadOnlyList<ReportFinding> findings, string impression, IReadOnlyList<string> keyFindings, FindingSeverity overall,
        IReadOnlyList<string> citedPmids, IReadOnlyCollection<string> searchedPmids)
    {
        var feedback = new List<string>();
        var score = 1.0;
        var narrative = (impression + "\n" + string.Join("\n", keyFindings)).ToLowerInvariant();

        foreach (var finding in findings.Where(f => f.Severity >= FindingSeverity.Moderate))
        {
            var mentioned = narrative.Contains($"[{finding.Id}]", StringComparison.Ordinal)
                || finding.Anatomy.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(w => w.Length > 3 && narrative.Contains(w.ToLowerInvariant(), StringComparison.Ordinal));
            if (!mentioned)
            {
                score -= 0.25;
                feedback.Add($"Missing finding: {finding.Id} ({finding.Severity.ToString().ToLowerInvariant()}, {finding.Anatomy}) is not reflected in the impression or key findings.");
            }
        }

        var worst = findings.Count == 0 ? FindingSeverity.Normal : findings.Max(f => f.Severity);
        if (worst >= FindingSeverity.Moderate && NormalClaim().IsMatch(impression))
        {
            score -= 0.4;
            feedback.Add("Contradiction: the impression calls the study normal while a finding is moderate or worse.");
        }

        if (Math.Abs((int)overall - (int)worst) >= 2)
        {
            score -= 0.2;
            feedback.Add($"Overall severity {overall.ToString().ToLowerInvariant()} does not match the worst finding ({worst.ToString().ToLowerInvariant()}).");
        }

        foreach (var id in FindingReference().Matches(narrative).Select(m => m.Groups[1].Value).Distinct())
        {
            if (findings.All(f => !string.Equals(f.Id, id, StringComparison.OrdinalIgnoreCase)))
            {
                score -= 0.2;
                feedback.Add($"Unsupported claim: [{id}] is not a finding of this report.");
            }
        }

        foreach (var pmid in citedPmids.Where(p => !searchedPmids.Contains(p)))
        {
            score -= 0.3;
            feedback.Add($"Citation misuse: PMID {pmid} was not returned by the literature search.");
        }

        return new QualityReview(Math.Round(Math.Clamp(score, 0, 1), 2), feedback);
    }

    [GeneratedRegex(@"\b(normal study|no (acute )?abnormalit(y|ies)|unremarkable)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NormalClaim();

    [GeneratedRegex(@"\[(f\d+)\]", RegexOptions.IgnoreCase)]
    private static partial Regex FindingReference();
}
