using System.Text.RegularExpressions;

namespace MedicalImaging.Dicom;

/// <summary>
/// Clean Descriptors, done the simple honest way: a description is kept verbatim only when every word in it is a
/// radiology term from <see cref="DescriptorVocabulary"/> or a short number/measurement, and no word is part of an
/// identifier found in the file. Anything else (a name, a place, a long number, a date, a word we do not know) and
/// the whole value gets the Basic Profile action instead. There is no partial rewriting: a cleaned text never
/// contains a fragment the check did not pass.
/// </summary>
internal sealed partial class DescriptorCleaner
{
    private readonly HashSet<string> _identifierWords;

    public DescriptorCleaner(IEnumerable<string> identifierWords)
    {
        _identifierWords = new HashSet<string>(identifierWords, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>True when <paramref name="text"/> may be kept as it is.</summary>
    public bool IsClean(string text)
    {
        foreach (Match word in Word().Matches(text))
        {
            var token = word.Value;
            if (_identifierWords.Contains(token))
            {
                return false;
            }

            if (!DescriptorVocabulary.Terms.Contains(token) && !Measurement().IsMatch(token))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Splits identifier values into the words <see cref="IsClean"/> refuses (PN components, ID parts).</summary>
    public static IEnumerable<string> WordsOf(string value) =>
        Word().Matches(value).Select(m => m.Value).Where(w => w.Length >= 2);

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    // Up to 3 digits (a decimal part allowed) with an optional unit, or a letter + 1-2 digits (T1, C5, L4, S1).
    [GeneratedRegex(@"^(\d{1,3}(\.\d+)?(MM|CM|ML|KV|KVP|MA|MAS|MS|S|D|X|CC|HZ|MHZ|T)?|[A-Z]\d{1,2}|\d{1,2}(ST|ND|RD|TH))$", RegexOptions.IgnoreCase)]
    private static partial Regex Measurement();
}
