using System.Text;
using MedicalImaging.Imaging;
using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Privacy;

namespace MedicalImaging.Server.Literature;

/// <summary>
/// Builds a PubMed query from the abnormal findings only (words of their descriptions and anatomy,
/// scrubbed of identifier-like text, stop words dropped). No finding worth citing → no query.
/// </summary>
public static class LiteratureQuery
{
    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "of", "in", "on", "at", "with", "and", "or", "to", "is", "are", "was", "be", "by", "for", "from",
        "no", "not", "seen", "there", "this", "that", "image", "images", "left", "right", "possible", "likely", "mild",
        "moderate", "severe", "small", "large", "region", "area", "field", "noted", "appears", "suggest", "suggests",
    };

    public static string? From(IReadOnlyList<ReportFinding> findings, string modality)
    {
        var worth = findings.Where(f => f.Severity >= FindingSeverity.Mild).OrderByDescending(f => f.Severity).ThenByDescending(f => f.Confidence).Take(2).ToList();
        if (worth.Count == 0)
        {
            return null;
        }

        var clauses = worth.Select(f => Words(f.Description + " " + f.Anatomy)).Where(w => w.Length > 0).Distinct().Select(w => $"({w})").ToList();
        if (clauses.Count == 0)
        {
            return null;
        }

        var query = string.Join(" OR ", clauses);
        var imaging = modality switch
        {
            "CT" => "computed tomography",
            "MR" => "magnetic resonance imaging",
            "CR" or "DX" => "radiography",
            "US" => "ultrasonography",
            "PT" => "positron emission tomography",
            _ => null,
        };
        return imaging is null ? query : $"({query}) AND {imaging}";
    }

    private static string Words(string text)
    {
        var scrubbed = PhiDetector.Redact(text) ?? string.Empty;
        var words = new StringBuilder();
        var count = 0;
        foreach (var raw in scrubbed.Split([' ', ',', ';', ':', '.', '(', ')', '/', '"', '\'', '[', ']'], StringSplitOptions.RemoveEmptyEntries))
        {
            var word = new string(raw.Where(c => char.IsLetterOrDigit(c) || c == '-').ToArray());
            if (word.Length < 3 || StopWords.Contains(word) || IsPlaceholder(raw) || word.Any(char.IsDigit))
            {
                continue;
            }

            words.Append(count++ == 0 ? string.Empty : " ").Append(word.ToLowerInvariant());
            if (count == 5)
            {
                break;
            }
        }

        return words.ToString();
    }

    /// <summary>A redaction placeholder ([NAME], [REDACTED]…) once the brackets are split off: never a search word.</summary>
    private static bool IsPlaceholder(string raw) =>
        Enum.GetValues<PhiKind>().Any(k => PhiDetector.Placeholder(k).Trim('[', ']').Equals(raw, StringComparison.Ordinal));
}
