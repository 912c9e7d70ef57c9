namespace MedicalImaging.Dicom;

/// <summary>PS3.3 C.12.1.1.2 Defined Terms for Specific Character Set, with their escape sequences (PS3.5 6.1.2.5).</summary>
internal static class CharacterSetTerms
{
    private static readonly Dictionary<string, CharacterSetTerm> ByName = new(StringComparer.Ordinal)
    {
        [""] = new(20127, G0Set.Ascii, false, "(B"),
        ["ISO_IR 6"] = new(20127, G0Set.Ascii, false, "(B"),
        ["ISO 2022 IR 6"] = new(20127, G0Set.Ascii, false, "(B"),
        ["ISO_IR 100"] = new(28591, null, true, "-A"),
        ["ISO 2022 IR 100"] = new(28591, null, true, "-A"),
        ["ISO_IR 101"] = new(28592, null, true, "-B"),
        ["ISO 2022 IR 101"] = new(28592, null, true, "-B"),
        ["ISO_IR 109"] = new(28593, null, true, "-C"),
        ["ISO 2022 IR 109"] = new(28593, null, true, "-C"),
        ["ISO_IR 110"] = new(28594, null, true, "-D"),
        ["ISO 2022 IR 110"] = new(28594, null, true, "-D"),
        ["ISO_IR 144"] = new(28595, null, true, "-L"),
        ["ISO 2022 IR 144"] = new(28595, null, true, "-L"),
        ["ISO_IR 127"] = new(28596, null, true, "-G"),
        ["ISO 2022 IR 127"] = new(28596, null, true, "-G"),
        ["ISO_IR 126"] = new(28597, null, true, "-F"),
        ["ISO 2022 IR 126"] = new(28597, null, true, "-F"),
        ["ISO_IR 138"] = new(28598, null, true, "-H"),
        ["ISO 2022 IR 138"] = new(28598, null, true, "-H"),
        ["ISO_IR 148"] = new(28599, null, true, "-M"),
        ["ISO 2022 IR 148"] = new(28599, null, true, "-M"),
        ["ISO_IR 203"] = new(28605, null, true, "-b"),
        ["ISO 2022 IR 203"] = new(28605, null, true, "-b"),
        ["ISO_IR 166"] = new(874, null, true, "-T"),
        ["ISO 2022 IR 166"] = new(874, null, true, "-T"),
        // JIS X 0201: katakana in G1, Romaji (read as ASCII) in G0.
        ["ISO_IR 13"] = new(932, G0Set.Ascii, true, ")I"),
        ["ISO 2022 IR 13"] = new(932, G0Set.Ascii, true, ")I"),
        ["ISO 2022 IR 87"] = new(51932, G0Set.JisX0208, false, "$B"),
        ["ISO 2022 IR 159"] = new(51932, G0Set.JisX0212, false, "$(D"),
        ["ISO 2022 IR 149"] = new(51949, null, true, "$)C"),
        ["ISO 2022 IR 58"] = new(936, null, true, "$)A"),
        ["ISO_IR 192"] = new(65001, null, false, ""),
        ["GB18030"] = new(54936, null, false, ""),
        ["GBK"] = new(936, null, false, ""),
    };

    /// <summary>Escape sequences (after ESC) that only switch G0 back to a single-byte set.</summary>
    private static readonly Dictionary<string, CharacterSetTerm> G0Escapes = new(StringComparer.Ordinal)
    {
        ["(B"] = new(20127, G0Set.Ascii, false, "(B"),
        ["(J"] = new(20127, G0Set.Ascii, false, "(J"),
    };

    /// <summary>Looks a Defined Term up (null when unknown).</summary>
    public static CharacterSetTerm? Find(string name) => ByName.GetValueOrDefault(name.Trim());

    /// <summary>The term an escape sequence designates, and the sequence length; null when not recognised.</summary>
    public static (CharacterSetTerm Term, int Length)? MatchEscape(ReadOnlySpan<byte> afterEsc)
    {
        foreach (var map in new[] { G0Escapes, ByName })
        {
            foreach (var term in map.Values)
            {
                var esc = term.Escape;
                if (esc.Length == 0 || esc.Length > afterEsc.Length)
                {
                    continue;
                }

                var match = true;
                for (var i = 0; i < esc.Length && match; i++)
                {
                    match = afterEsc[i] == esc[i];
                }

                if (match)
                {
                    return (term, esc.Length);
                }
            }
        }

        return null;
    }
}
