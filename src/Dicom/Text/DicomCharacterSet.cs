using System.Text;

namespace MedicalImaging.Dicom;

/// <summary>
/// Decodes text values under a Specific Character Set (0008,0005): single-byte ISO 8859 sets, UTF-8, GB18030/GBK,
/// and ISO 2022 code extensions (escape sequences switching G0/G1 between ASCII, JIS X 0201/0208/0212,
/// KS X 1001, GB 2312 and the ISO 8859 sets), resetting at value delimiters as PS3.5 6.1.2.5.3 requires.
/// </summary>
public sealed class DicomCharacterSet
{
    private readonly Encoding? _single;
    private readonly CharacterSetTerm _initialG0;
    private readonly CharacterSetTerm? _initialG1;

    static DicomCharacterSet()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    private DicomCharacterSet(string terms, Encoding? single, CharacterSetTerm initialG0, CharacterSetTerm? initialG1)
    {
        Terms = terms;
        _single = single;
        _initialG0 = initialG0;
        _initialG1 = initialG1;
    }

    /// <summary>No Specific Character Set: ASCII, read leniently as Latin-1 (as pydicom and dcmtk do).</summary>
    public static DicomCharacterSet Default { get; } = new(string.Empty, Encoding.Latin1, CharacterSetTerms.Find("")!, null);

    /// <summary>The (0008,0005) value this was built from.</summary>
    public string Terms { get; }

    /// <summary>True when text is UTF-8 (ISO_IR 192).</summary>
    public bool IsUtf8 => _single?.CodePage == 65001;

    /// <summary>Builds the decoder for a (0008,0005) value (backslash-separated Defined Terms). Unknown terms fall back to Latin-1.</summary>
    public static DicomCharacterSet FromTerms(string value)
    {
        var terms = value.TrimEnd(' ', '\0').Split('\\');
        var first = CharacterSetTerms.Find(terms[0]);
        var usesExtensions = terms.Length > 1 || terms[0].Trim().StartsWith("ISO 2022", StringComparison.Ordinal);
        if (!usesExtensions)
        {
            var cp = first?.CodePage ?? 28591;
            var single = cp is 20127 ? Encoding.Latin1 : GetEncoding(cp);
            return new DicomCharacterSet(value, single, CharacterSetTerms.Find("")!, null);
        }

        var g0 = first is { G0: not null } ? first : CharacterSetTerms.Find("")!;
        var g1 = first is { DesignatesG1: true } ? first : null;
        return new DicomCharacterSet(value, null, g0, g1);
    }

    /// <summary>Decodes a value. <paramref name="personName"/> adds ^ and = to the delimiters that reset code extensions.</summary>
    public string Decode(ReadOnlySpan<byte> bytes, bool personName = false)
    {
        if (_single is not null)
        {
            return _single.GetString(bytes);
        }

        if (bytes.IndexOf((byte)0x1B) < 0 && !HasHighBit(bytes))
        {
            return Encoding.Latin1.GetString(bytes);
        }

        return DecodeIso2022(bytes, personName);
    }

    /// <summary>Encodes a new value (UTF-8 or the single-byte set in force; ASCII under code extensions).</summary>
    public byte[] Encode(string value) => (_single ?? Encoding.Latin1).GetBytes(value);

    private string DecodeIso2022(ReadOnlySpan<byte> bytes, bool personName)
    {
        var sb = new StringBuilder(bytes.Length);
        var g0 = _initialG0;
        var g1 = _initialG1;
        var i = 0;
        while (i < bytes.Length)
        {
            var b = bytes[i];
            if (b == 0x1B)
            {
                var match = CharacterSetTerms.MatchEscape(bytes[(i + 1)..]);
                if (match is { } m)
                {
                    if (m.Term.G0 is not null && !m.Term.DesignatesG1)
                    {
                        g0 = m.Term;
                    }
                    else
                    {
                        g1 = m.Term;
                    }

                    i += 1 + m.Length;
                    continue;
                }

                sb.Append('\u001B');
                i++;
                continue;
            }

            if (b < 0x80)
            {
                var start = i;
                if (g0.G0 == G0Set.Ascii)
                {
                    while (i < bytes.Length && bytes[i] < 0x80 && bytes[i] != 0x1B)
                    {
                        var c = bytes[i++];
                        if (IsDelimiter(c, personName))
                        {
                            sb.Append(Encoding.Latin1.GetString(bytes[start..i]));
                            start = i;
                            g0 = _initialG0;
                            g1 = _initialG1;
                        }
                    }

                    sb.Append(Encoding.Latin1.GetString(bytes[start..i]));
                }
                else
                {
                    while (i < bytes.Length && bytes[i] < 0x80 && bytes[i] != 0x1B)
                    {
                        i++;
                    }

                    sb.Append(DecodeJis(bytes[start..i], g0.G0 == G0Set.JisX0212));
                }

                continue;
            }

            var hiStart = i;
            while (i < bytes.Length && bytes[i] >= 0x80)
            {
                i++;
            }

            var encoding = GetEncoding(g1?.CodePage ?? 28591);
            sb.Append(encoding.GetString(bytes[hiStart..i]));
        }

        return sb.ToString();
    }

    private static string DecodeJis(ReadOnlySpan<byte> sevenBit, bool x0212)
    {
        // JIS X 0208/0212 pairs become EUC-JP by setting the high bit (0212 behind the SS3 prefix 0x8F).
        var perChar = x0212 ? 3 : 2;
        var buffer = new byte[sevenBit.Length / 2 * perChar];
        var n = 0;
        for (var i = 0; i + 1 < sevenBit.Length; i += 2)
        {
            if (x0212)
            {
                buffer[n++] = 0x8F;
            }

            buffer[n++] = (byte)(sevenBit[i] | 0x80);
            buffer[n++] = (byte)(sevenBit[i + 1] | 0x80);
        }

        return GetEncoding(51932).GetString(buffer, 0, n);
    }

    private static bool IsDelimiter(byte c, bool personName) =>
        c is 0x09 or 0x0A or 0x0C or 0x0D or (byte)'\\' || (personName && c is (byte)'^' or (byte)'=');

    private static bool HasHighBit(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b >= 0x80)
            {
                return true;
            }
        }

        return false;
    }

    private static Encoding GetEncoding(int codePage)
    {
        try
        {
            return codePage == 65001 ? new UTF8Encoding(false) : Encoding.GetEncoding(codePage);
        }
        catch (NotSupportedException)
        {
            return Encoding.Latin1;
        }
    }
}
