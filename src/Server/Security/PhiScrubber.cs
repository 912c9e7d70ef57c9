using System.Text.RegularExpressions;

namespace MedicalImaging.Server.Security;

/// <summary>
/// Redacts identifier-like text from free text before it can reach a provider: dates, long digit
/// runs (MRNs, accession numbers, phone numbers), e-mail addresses and DICOM UIDs. Clinical words
/// stay; this is a second line of defence behind the rule that requests carry no identifiers.
/// </summary>
public static partial class PhiScrubber
{
    public const string Redacted = "[REDACTED]";

    /// <summary>The text with identifier-like spans replaced by <see cref="Redacted"/>; null stays null.</summary>
    public static string? Scrub(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        text = UidPattern().Replace(text, Redacted);
        text = EmailPattern().Replace(text, Redacted);
        text = DatePattern().Replace(text, Redacted);
        return DigitRunPattern().Replace(text, Redacted);
    }

    [GeneratedRegex(@"\b\d+(?:\.\d+){3,}\b")]
    private static partial Regex UidPattern();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\b(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|(?:19|20)\d{6})\b")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"(?:\+?\d[\d\s-]{4,}\d)")]
    private static partial Regex DigitRunPattern();
}
