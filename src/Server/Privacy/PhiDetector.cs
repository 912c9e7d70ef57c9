using System.Text;

namespace MedicalImaging.Server.Privacy;

/// <summary>
/// The recall-first free-text detector for clinical text (clinical question, indication, symptoms, chat
/// messages): <see cref="PhiPatterns"/> for dates, ages over 89, phone numbers, identifiers, addresses,
/// e-mail, URLs and IPs, and <see cref="NameFinder"/> for names and places. It errs towards redacting:
/// a surname that is also a common word at the start of a sentence ("Brown said") is the kind of thing
/// it still misses (see docs/PRIVACY.md for the measured recall and precision).
/// </summary>
public static class PhiDetector
{
    /// <summary>What an age over 89 becomes (HIPAA Safe Harbor groups those ages).</summary>
    public const string AgeOver89 = "90 or older";

    /// <summary>The detected spans, sorted and merged (overlaps joined, the earlier kind kept).</summary>
    public static IReadOnlyList<PhiSpan> Find(string text, ClinicalVocabulary? vocabulary = null)
    {
        var spans = new List<PhiSpan>();
        foreach (var (pattern, kind, group) in PhiPatterns.All())
        {
            foreach (System.Text.RegularExpressions.Match m in pattern.Matches(text))
            {
                var g = m.Groups[group];
                if (g.Success && g.Length > 0)
                {
                    spans.Add(new PhiSpan(g.Index, g.Length, kind));
                }
            }
        }

        NameFinder.Find(text, vocabulary ?? ClinicalVocabulary.Shipped, spans);
        return Merge(spans);
    }

    /// <summary>The text with every detected span replaced by its kind in brackets ([NAME], [DATE]…); null stays null.</summary>
    public static string? Redact(string? text, ClinicalVocabulary? vocabulary = null) =>
        string.IsNullOrEmpty(text) ? text : Replace(text, Find(text, vocabulary));

    /// <summary>Replaces <paramref name="spans"/> (sorted, not overlapping) by their placeholders.</summary>
    public static string Replace(string text, IReadOnlyList<PhiSpan> spans)
    {
        if (spans.Count == 0)
        {
            return text;
        }

        var output = new StringBuilder(text.Length);
        var at = 0;
        foreach (var span in spans)
        {
            output.Append(text, at, span.Start - at).Append(Placeholder(span.Kind));
            at = span.End;
        }

        return output.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>The text a span of <paramref name="kind"/> is replaced with.</summary>
    public static string Placeholder(PhiKind kind) => kind switch
    {
        PhiKind.Age => AgeOver89,
        PhiKind.Known => "[REDACTED]",
        _ => "[" + kind.ToString().ToUpperInvariant() + "]",
    };

    internal static List<PhiSpan> Merge(List<PhiSpan> spans)
    {
        spans.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length));
        var merged = new List<PhiSpan>(spans.Count);
        foreach (var span in spans)
        {
            if (merged.Count > 0 && span.Start <= merged[^1].End)
            {
                var last = merged[^1];
                // Adjacent names join ("Jane Doe" is one [NAME]); other kinds join only when they overlap.
                if (span.Start < last.End || (span.Kind == last.Kind && span.Start == last.End))
                {
                    merged[^1] = last with { Length = Math.Max(last.End, span.End) - last.Start };
                    continue;
                }
            }

            merged.Add(span);
        }

        return merged;
    }
}
