using System.Collections.Frozen;
using System.Reflection;

namespace MedicalImaging.Server.Privacy;

/// <summary>
/// The words the free-text detector knows (the allow-list approach of Philter): common English words from
/// Debian's wamerican list, English proper nouns (first names, surnames, places) from the same list, and a
/// hand-written radiology vocabulary. All three ship inside the assembly (Privacy/Vocabulary/*.txt, see
/// scripts/privacy/generate-vocabulary.sh): nothing is downloaded at run time.
/// </summary>
public sealed class ClinicalVocabulary
{
    private ClinicalVocabulary(FrozenSet<string> common, FrozenSet<string> proper, FrozenSet<string> clinical)
    {
        Common = common;
        Proper = proper;
        Clinical = clinical;
    }

    /// <summary>The vocabulary shipped with the server, loaded once.</summary>
    public static ClinicalVocabulary Shipped { get; } = Load();

    /// <summary>Lower-case common English words.</summary>
    public FrozenSet<string> Common { get; }

    /// <summary>Lower-cased English proper nouns (names and places), which may also be common words ("brown", "may").</summary>
    public FrozenSet<string> Proper { get; }

    /// <summary>Lower-cased radiology and clinical terms, acronyms and eponyms: never taken for a name.</summary>
    public FrozenSet<string> Clinical { get; }

    /// <summary>True when <paramref name="lower"/> (lower case) is a common or clinical word, hyphenated parts included.</summary>
    public bool IsKnown(string lower)
    {
        if (Common.Contains(lower) || Clinical.Contains(lower))
        {
            return true;
        }

        return lower.Contains('-', StringComparison.Ordinal)
            && lower.Split('-', StringSplitOptions.RemoveEmptyEntries).All(p => Common.Contains(p) || Clinical.Contains(p) || p.All(char.IsAsciiDigit));
    }

    private static ClinicalVocabulary Load() => new(Read("english-words.txt"), Read("english-proper-nouns.txt"), Read("radiology-terms.txt"));

    private static FrozenSet<string> Read(string name)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var resource = assembly.GetManifestResourceNames().Single(r => r.EndsWith(".Privacy.Vocabulary." + name, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            foreach (var word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                words.Add(word.ToLowerInvariant());
            }
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
