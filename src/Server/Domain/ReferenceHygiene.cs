using System.Text.RegularExpressions;

namespace MedicalImaging.Server.Domain;

/// <summary>
/// Keeps invented references out of the text a model writes. Citations come from the literature search, never from
/// a model (docs/ARCHITECTURE.md); yet a model asked for findings, an impression or a chat reply may still write
/// "PMID: 12345678", "doi:10.1000/xyz", "(Smith et al., 2021)" or a pubmed.ncbi.nlm.nih.gov link of its own. Every
/// such reference that is not one of the search results is replaced by <see cref="Marker"/>, visibly, and counted.
/// A reference that matches a search result (same PMID, same DOI, or an author surname and year of one) stays.
/// </summary>
public static partial class ReferenceHygiene
{
    /// <summary>What a removed reference becomes in the text.</summary>
    public const string Marker = "[unverified reference removed]";

    /// <summary>Replaces every reference in <paramref name="text"/> that is not among <paramref name="found"/>.</summary>
    public static CleanedText Clean(string text, IReadOnlyCollection<LiteratureCitation> found)
    {
        if (string.IsNullOrEmpty(text))
        {
            return new CleanedText(text, 0);
        }

        var removed = 0;
        var cleaned = Reference().Replace(text, match =>
        {
            if (IsVerified(match, found))
            {
                return match.Value;
            }

            removed++;
            return Marker;
        });
        return new CleanedText(cleaned, removed);
    }

    /// <summary>
    /// The report with every model-written free-text field cleaned (technique, comparison, finding descriptions and
    /// anatomy, impression, recommendations, limitations, key findings) and the count added to its provenance.
    /// </summary>
    public static MedicalReport Apply(MedicalReport report, IReadOnlyCollection<LiteratureCitation> found)
    {
        var removed = 0;
        string C(string text)
        {
            var result = Clean(text, found);
            removed += result.Removed;
            return result.Text;
        }

        var cleaned = report with
        {
            Technique = C(report.Technique),
            Comparison = C(report.Comparison),
            Findings = report.Findings.Select(f => f with { Description = C(f.Description), Anatomy = C(f.Anatomy) }).ToList(),
            Impression = C(report.Impression),
            Recommendations = report.Recommendations.Select(C).ToList(),
            Limitations = report.Limitations.Select(C).ToList(),
            KeyFindings = report.KeyFindings.Select(C).ToList(),
        };
        return removed == 0 ? report : cleaned with
        {
            Provenance = cleaned.Provenance with { UnverifiedReferencesRemoved = cleaned.Provenance.UnverifiedReferencesRemoved + removed },
        };
    }

    private static bool IsVerified(Match match, IReadOnlyCollection<LiteratureCitation> found)
    {
        if (match.Groups["pmid"].Success)
        {
            var pmid = match.Groups["pmid"].Value;
            return found.Any(c => c.Pmid == pmid);
        }

        if (match.Groups["doi"].Success)
        {
            var doi = match.Groups["doi"].Value;
            return found.Any(c => c.Doi is not null && string.Equals(c.Doi, doi, StringComparison.OrdinalIgnoreCase));
        }

        var author = match.Groups["author"].Value;
        var year = int.Parse(match.Groups["year"].Value, System.Globalization.CultureInfo.InvariantCulture);
        return found.Any(c => c.Year == year && c.Authors.Any(a => a.Split(' ')[0].Equals(author, StringComparison.OrdinalIgnoreCase)));
    }

    // In order: a PubMed link, a doi.org link, "PMID: n" (with its parentheses when it stands alone in them), a bare
    // DOI ("doi:" optional; a sentence's full stop is not part of it), and an author-year citation in parentheses:
    // "(Smith et al., 2021)", "(Smith and Doe 2019a)", "(Smith, 2020)" — but not "(March 2021)" or "(CT, 2021)".
    [GeneratedRegex(
        @"https?://(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov/|ncbi\.nlm\.nih\.gov/pubmed/)(?<pmid>\d{1,9})/?"
        + @"|https?://(?:dx\.)?doi\.org/(?<doi>10\.\d{4,9}/[^\s\])>,;""]*[^\s\])>,;"".])"
        + @"|\(\s*(?i:PMID):?\s*#?\s*(?<pmid>\d{1,9})\s*\)"
        + @"|\b(?i:PMID):?\s*#?\s*(?<pmid>\d{1,9})\b"
        + @"|(?:\b(?i:doi):?\s*)?\b(?<doi>10\.\d{4,9}/[^\s\])>,;""]*[^\s\])>,;"".])"
        + @"|\(\s*(?<author>[A-Z][a-z][A-Za-z'\-]*)(?:\s+et\s+al\.?,?|\s+(?:and|&)\s+[A-Z][a-z][A-Za-z'\-]*,?|,)\s*(?<year>(?:19|20)\d{2})[a-z]?\s*\)",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Reference();
}
