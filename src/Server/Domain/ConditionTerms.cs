using System.Text.RegularExpressions;

namespace MedicalImaging.Server.Domain;

/// <summary>
/// The conditions a finding's text mentions, as canonical names from a small radiology vocabulary
/// (e.g. "nodular opacities" → nodule, opacity). Mentions in a negated clause ("no pneumothorax") are not
/// counted. These are the words of the finding, not diagnoses: they link reports through shared
/// (:Condition) nodes in the graph and explain similar cases.
/// </summary>
public static partial class ConditionTerms
{
    private static readonly (string Name, Regex Pattern)[] Vocabulary =
    [
        ("asymmetry", Term("asymmetr")),
        ("atelectasis", Term("atelecta")),
        ("calcification", Term("calcifi")),
        ("cardiomegaly", Term("cardiomegal|enlarged cardiac silhouette|cardiac enlargement")),
        ("consolidation", Term("consolidat")),
        ("edema", Term("o?edema")),
        ("effusion", Term("effusion")),
        ("emphysema", Term("emphysem")),
        ("fibrosis", Term("fibros|fibrotic")),
        ("fracture", Term("fractur")),
        ("hemorrhage", Term("ha?emorrhag|bleed")),
        ("infiltrate", Term("infiltrat")),
        ("lymphadenopathy", Term("lymphadenopath")),
        ("mass", Term("mass(es)?\\b")),
        ("metal density", Term("metal|foreign body|implant")),
        ("nodule", Term("nodul")),
        ("opacity", Term("opacit")),
        ("pneumonia", Term("pneumonia")),
        ("pneumothorax", Term("pneumothora")),
    ];

    /// <summary>Canonical condition names mentioned, not negated, in <paramref name="text"/>; sorted, distinct.</summary>
    public static IReadOnlyList<string> Extract(string text)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var clause in ClauseSplitter().Split(text))
        {
            foreach (var (name, pattern) in Vocabulary)
            {
                var match = pattern.Match(clause);
                if (match.Success && !Negation().IsMatch(clause[..match.Index]))
                {
                    found.Add(name);
                }
            }
        }

        return [.. found];
    }

    /// <summary>The conditions of every finding of a report.</summary>
    public static IReadOnlyList<string> Of(MedicalReport report) =>
        [.. report.Findings.SelectMany(f => Extract(f.Description)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static Regex Term(string stem) => new($"\\b(?:{stem})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    [GeneratedRegex(@"[;.:!?]|\bbut\b|\bhowever\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClauseSplitter();

    [GeneratedRegex(@"\b(?:no|not|without|negative for|absence of|absent|free of|rule[sd]? out|excludes?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Negation();
}
