using System.Text.RegularExpressions;

namespace MedicalImaging.Server.Privacy;

/// <summary>
/// The allow-list half of the free-text detector (after Philter): a capitalised word that is not a known
/// English or clinical word is taken for a name or a place; so is a capitalised proper noun mid-sentence
/// ("seen by Brown"), any word after a title (Dr, Mrs…), an initial before a name ("J. Doe"), capitalised
/// neighbours of a name ("Jane Doe", "Doe, Jane") and the words before Hospital, Clinic and the like
/// ("St Mary Hospital"). Letter-and-digit tokens shaped like identifiers ("AB4471X") are found here too.
/// </summary>
internal static partial class NameFinder
{
    private static readonly System.Buffers.SearchValues<char> SentenceBreaks = System.Buffers.SearchValues.Create(".!?:;\n\"(");

    private static readonly HashSet<string> Titles = new(StringComparer.OrdinalIgnoreCase)
    {
        "dr", "doctor", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "sister", "nurse", "rev", "reverend", "father", "sir", "dame",
        "madam", "mister", "dear", "attending", "resident", "radiologist", "physician", "surgeon", "consultant", "signed", "dictated", "cc",
        "pt", "patient", "son", "daughter", "wife", "husband", "mother", "father", "brother", "sibling", "partner", "neighbour", "neighbor",
        "friend", "carer", "caregiver", "guardian", "gp", "niece", "nephew", "grandson", "granddaughter", "aunt", "uncle", "cousin",
    };

    private static readonly HashSet<string> FacilityWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "hospital", "clinic", "infirmary", "hospice", "medical", "health", "healthcare", "university", "college", "school", "church",
        "pharmacy", "surgery", "practice", "center", "centre", "institute", "sanatorium", "home", "county", "memorial", "general",
    };

    private static readonly HashSet<string> Connectors = new(StringComparer.OrdinalIgnoreCase) { "of", "the", "and", "&", "de", "van", "von", "la", "le", "st", "st." };

    public static void Find(string text, ClinicalVocabulary vocabulary, List<PhiSpan> spans)
    {
        var words = Word().Matches(text).Select(m => new Token(m.Index, m.Length, m.Value)).ToList();
        var name = new bool[words.Count];
        var place = new bool[words.Count];
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            if (w.Start > 0 && text[w.Start - 1] == '[' && w.Start + w.Length < text.Length && text[w.Start + w.Length] == ']')
            {
                continue; // a placeholder an earlier redaction left ([REDACTED], [NAME])
            }

            var lower = Lower(w.Value);
            var capitalised = char.IsUpper(w.Value[0]);
            var start = IsSentenceStart(text, words, i);
            var known = vocabulary.IsKnown(lower) || Titles.Contains(lower);
            if (i > 0 && Titles.Contains(Lower(words[i - 1].Value)) && IsAdjacent(text, words[i - 1], w, allowPeriod: true)
                && !vocabulary.Clinical.Contains(lower) && (capitalised || !vocabulary.Common.Contains(lower)))
            {
                name[i] = true;
            }
            else if (capitalised && w.Value.Length > 1 && IsAllCaps(w.Value))
            {
                name[i] = w.Value.Length >= 4 && !known;
            }
            else if (capitalised && w.Value.Length > 1)
            {
                name[i] = !known || (!start && vocabulary.Proper.Contains(lower) && !vocabulary.Clinical.Contains(lower));
            }
        }

        // Initials and neighbours of a name, until nothing changes.
        for (var changed = true; changed;)
        {
            changed = false;
            for (var i = 0; i < words.Count; i++)
            {
                if (name[i])
                {
                    continue;
                }

                var w = words[i];
                var lower = Lower(w.Value);
                var nameLike = char.IsUpper(w.Value[0]) && !vocabulary.Clinical.Contains(lower) && !Titles.Contains(lower)
                    && (w.Value.Length == 1 || vocabulary.Proper.Contains(lower) || !vocabulary.IsKnown(lower) || IsAllCaps(w.Value));
                if (!nameLike)
                {
                    continue;
                }

                var next = i + 1 < words.Count && name[i + 1]
                    && (IsAdjacent(text, w, words[i + 1], allowPeriod: w.Value.Length == 1) || IsCommaInverted(text, w, words[i + 1]));
                var previous = i > 0 && name[i - 1] && (IsAdjacent(text, words[i - 1], w, allowPeriod: words[i - 1].Value.Length == 1) || IsCommaInverted(text, words[i - 1], w));
                if (next || previous)
                {
                    name[i] = true;
                    changed = true;
                }
            }
        }

        MarkFacilities(text, words, vocabulary, place);
        for (var i = 0; i < words.Count; i++)
        {
            if (place[i])
            {
                spans.Add(new PhiSpan(words[i].Start, words[i].Length, PhiKind.Location));
            }
            else if (name[i])
            {
                spans.Add(new PhiSpan(words[i].Start, words[i].Length, PhiKind.Name));
            }
        }

        foreach (Match m in IdShaped().Matches(text))
        {
            if (LooksLikeId(m.Value, vocabulary))
            {
                spans.Add(new PhiSpan(m.Index, m.Length, PhiKind.Id));
            }
        }
    }

    /// <summary>"St Mary Hospital", "Mercy General Clinic", "Saint Luke's": the capitalised words before a facility word, and "St X".</summary>
    private static void MarkFacilities(string text, List<Token> words, ClinicalVocabulary vocabulary, bool[] place)
    {
        for (var i = 0; i < words.Count; i++)
        {
            var lower = Lower(words[i].Value);
            if ((lower is "st" or "saint") && char.IsUpper(words[i].Value[0]) && i + 1 < words.Count && char.IsUpper(words[i + 1].Value[0])
                && IsAdjacent(text, words[i], words[i + 1], allowPeriod: true))
            {
                place[i] = place[i + 1] = true;
            }

            if (!FacilityWords.Contains(lower) || !char.IsUpper(words[i].Value[0]))
            {
                continue;
            }

            var first = i;
            for (var j = i - 1; j >= 0 && j >= i - 5 && IsAdjacent(text, words[j], words[j + 1], allowPeriod: true); j--)
            {
                var value = words[j].Value;
                // "University of X Hospital" keeps its "of"; "Doe of X Hospital" is a person, then a place.
                var connectorInName = Connectors.Contains(value) && j > 0 && FacilityWords.Contains(words[j - 1].Value);
                if ((char.IsUpper(value[0]) && !Connectors.Contains(value) && !vocabulary.Clinical.Contains(Lower(value))) || connectorInName)
                {
                    first = j;
                }
                else
                {
                    break;
                }
            }

            while (first < i && Connectors.Contains(words[first].Value))
            {
                first++;
            }

            // Only a named facility: "the Hospital" alone names nothing.
            var named = Enumerable.Range(first, i - first).Any(k => !Connectors.Contains(words[k].Value) && !FacilityWords.Contains(words[k].Value));
            if (named)
            {
                for (var k = first; k <= i; k++)
                {
                    place[k] = true;
                }
            }
        }
    }

    private static bool LooksLikeId(string token, ClinicalVocabulary vocabulary)
    {
        var digits = token.Count(char.IsAsciiDigit);
        var letters = token.Count(char.IsAsciiLetter);
        if (digits == 0 || letters == 0 || token.Length < 4 || vocabulary.IsKnown(token.ToLowerInvariant()) || Measurement().IsMatch(token) || Tnm().IsMatch(token))
        {
            return false;
        }

        return digits >= 3 || (digits >= 2 && letters >= 2 && token.Length >= 6);
    }

    private static bool IsSentenceStart(string text, List<Token> words, int i)
    {
        var from = i == 0 ? 0 : words[i - 1].Start + words[i - 1].Length;
        if (i == 0)
        {
            return true;
        }

        var gap = text.AsSpan(from, words[i].Start - from);
        if (gap.IndexOfAny(SentenceBreaks) < 0 && gap.IndexOf("- ", StringComparison.Ordinal) < 0)
        {
            return false;
        }

        // "J. Doe" and "Dr. Doe": the period of an initial or a title ends no sentence.
        var previous = words[i - 1].Value;
        return !(gap.StartsWith(".") && (previous.Length == 1 || Titles.Contains(previous)));
    }

    private static bool IsAdjacent(string text, Token a, Token b, bool allowPeriod)
    {
        var from = a.Start + a.Length;
        var gap = text.AsSpan(from, b.Start - from);
        return gap.Length <= 2 && (gap.IsWhiteSpace() || (allowPeriod && gap.Trim().SequenceEqual(".")) || gap.SequenceEqual("-"));
    }

    private static bool IsCommaInverted(string text, Token a, Token b)
    {
        var from = a.Start + a.Length;
        return text.AsSpan(from, b.Start - from).SequenceEqual(", ") && char.IsUpper(b.Value[0]);
    }

    private static bool IsAllCaps(string value) => value.All(c => !char.IsLetter(c) || char.IsUpper(c));

    private static string Lower(string value)
    {
        var lower = value.ToLowerInvariant();
        return lower.EndsWith("'s", StringComparison.Ordinal) || lower.EndsWith("’s", StringComparison.Ordinal) ? lower[..^2] : lower;
    }

    private readonly record struct Token(int Start, int Length, string Value);

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Za-z][A-Za-z'’]*(?:-[A-Za-z][A-Za-z'’]*)*(?![A-Za-z0-9])")]
    private static partial Regex Word();

    [GeneratedRegex(@"\b[A-Za-z0-9]+(?:[-/][A-Za-z0-9]+)*\b")]
    private static partial Regex IdShaped();

    [GeneratedRegex(@"^\d+(?:\.\d+)?(?:mg|mcg|ug|ml|cm|mm|kg|g|l|hu|mhz|khz|kv|kvp|mas|ms|s|sec|min|h|hr|hrs|bpm|mmhg|mci|mbq|gbq|gy|cgy|msv|mgy|t|x|d|wk|wks|yr|yrs|y|mo|mos|am|pm|th|st|nd|rd)$", RegexOptions.IgnoreCase)]
    private static partial Regex Measurement();

    [GeneratedRegex(@"^(?:[cpy]?T[0-4xis][a-d]?N[0-3x][a-c]?M[01x][a-c]?|[CTLS]\d{1,2}(?:-[CTLS]?\d{1,2})?)$", RegexOptions.IgnoreCase)]
    private static partial Regex Tnm();
}
