using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace MedicalImaging.Server.Privacy;

/// <summary>
/// The one egress point: every body that leaves the process for a third party (vision, report writing,
/// chat, embeddings, PubMed) is built from text that went through <see cref="Redact"/> and is then handed to
/// <see cref="Release(string, string, string, IdentifierSet)"/> (or its message-list overload) just before
/// the call. Redact removes every form of the request's known identifiers, then runs the free-text detector.
/// Release checks the whole body once more for every known identifier, in any case and with punctuation and
/// spaces ignored (so "AB 44 71" still matches "AB-4471"); if one is there, the call is refused
/// (<see cref="EgressBlockedException"/>), the `medimaging.egress.blocked` counter goes up, and the caller
/// carries on without that provider. Registered as a singleton: it is the test seam for what leaves.
/// </summary>
public sealed partial class EgressGuard
{
    /// <summary>The meter the egress counters live on.</summary>
    public const string MeterName = "MedicalImaging.Privacy";

    /// <summary>The counter of refused outbound calls (tags: destination, purpose).</summary>
    public const string BlockedCounterName = "medimaging.egress.blocked";

    private const int MinNormalizedLength = 6;
    private readonly Counter<long> _blocked;
    private readonly ILogger<EgressGuard> _logger;

    public EgressGuard(IMeterFactory meters, ILogger<EgressGuard> logger)
    {
        _blocked = meters.Create(MeterName).CreateCounter<long>(BlockedCounterName, "{call}", "Outbound third-party calls refused because a known identifier remained after redaction");
        _logger = logger;
    }

    /// <summary>Text a third party may see: known identifiers replaced by [REDACTED], then free-text PHI by its kind ([NAME], [DATE]…).</summary>
    public string Redact(string? text, IdentifierSet known)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var spans = FindKnown(text, known);
        var withoutKnown = PhiDetector.Replace(text, spans);
        return PhiDetector.Redact(withoutKnown) ?? string.Empty;
    }

    /// <summary>An age as a third party may see it: over 89 is "90 or older" (HIPAA Safe Harbor).</summary>
    public static string Age(int years) => years > 89 ? PhiDetector.AgeOver89 + " years" : years.ToString(System.Globalization.CultureInfo.InvariantCulture) + " years";

    /// <summary>
    /// Only the known identifiers replaced, for public text that carries capitalised words by nature (article
    /// titles from PubMed): the free-text detector would take every capitalised term in them for a name.
    /// </summary>
    public static string RedactKnown(string? text, IdentifierSet known) =>
        string.IsNullOrEmpty(text) ? string.Empty : PhiDetector.Replace(text, FindKnown(text, known));

    /// <summary>Null stays null; otherwise <see cref="Redact"/>.</summary>
    public string? RedactOrNull(string? text, IdentifierSet known) => text is null ? null : Redact(text, known);

    /// <summary>
    /// User-supplied text as a data section the prompts tell the model never to follow: the delimiters are
    /// stripped from the text first, so the data cannot close its own section.
    /// </summary>
    public static string DataSection(string text) =>
        "<<<DATA\n" + text.Replace("<<<DATA", string.Empty, StringComparison.OrdinalIgnoreCase).Replace("DATA>>>", string.Empty, StringComparison.OrdinalIgnoreCase).Trim() + "\nDATA>>>";

    /// <summary>Checks an outbound body; throws <see cref="EgressBlockedException"/> (and counts it) when a known identifier is still in it.</summary>
    public string Release(string destination, string purpose, string body, IdentifierSet known)
    {
        if (Holds(body, known))
        {
            _blocked.Add(1, new KeyValuePair<string, object?>("destination", destination), new KeyValuePair<string, object?>("purpose", purpose));
            LogBlocked(destination, purpose);
            throw new EgressBlockedException(destination, purpose);
        }

        return body;
    }

    /// <summary>Checks the text of every message (images are not text and are not looked at here).</summary>
    public IList<ChatMessage> Release(string destination, string purpose, IList<ChatMessage> messages, IdentifierSet known)
    {
        var body = new StringBuilder();
        foreach (var message in messages)
        {
            foreach (var content in message.Contents.OfType<TextContent>())
            {
                body.Append(content.Text).Append('\n');
            }
        }

        Release(destination, purpose, body.ToString(), known);
        return messages;
    }

    /// <summary>True when <paramref name="body"/> holds a known identifier (strong forms only).</summary>
    public static bool Holds(string body, IdentifierSet known)
    {
        if (known.Count == 0 || body.Length == 0)
        {
            return false;
        }

        string? normalizedBody = null;
        foreach (var (form, strong) in known.Forms)
        {
            if (!strong)
            {
                continue;
            }

            if (IndexOfWord(body, form, StringComparison.OrdinalIgnoreCase, 0) >= 0)
            {
                return true;
            }

            var normalizedForm = Normalize(form);
            if (normalizedForm.Length >= MinNormalizedLength && (normalizedBody ??= Normalize(body)).Contains(normalizedForm, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static List<PhiSpan> FindKnown(string text, IdentifierSet known)
    {
        var spans = new List<PhiSpan>();
        foreach (var (form, strong) in known.Forms.OrderByDescending(f => f.Key.Length))
        {
            // A form that is also a common word ("Doe", "Brown") only counts capitalised: "doe" the animal stays.
            var comparison = strong ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            var forms = strong ? [form] : new[] { form, form.ToUpperInvariant(), char.ToUpperInvariant(form[0]) + form[1..].ToLowerInvariant() }.Distinct(StringComparer.Ordinal);
            foreach (var variant in forms)
            {
                for (var at = IndexOfWord(text, variant, comparison, 0); at >= 0; at = IndexOfWord(text, variant, comparison, at + variant.Length))
                {
                    spans.Add(new PhiSpan(at, variant.Length, PhiKind.Known));
                }
            }
        }

        return PhiDetector.Merge(spans);
    }

    /// <summary>The next occurrence of <paramref name="word"/> not inside a longer word or number.</summary>
    private static int IndexOfWord(string text, string word, StringComparison comparison, int from)
    {
        for (var at = text.IndexOf(word, from, comparison); at >= 0; at = text.IndexOf(word, at + 1, comparison))
        {
            var before = at == 0 || !char.IsLetterOrDigit(text[at - 1]) || !char.IsLetterOrDigit(word[0]);
            var end = at + word.Length;
            var after = end == text.Length || !char.IsLetterOrDigit(text[end]) || !char.IsLetterOrDigit(word[^1]);
            if (before && after)
            {
                return at;
            }

            if (at + 1 >= text.Length)
            {
                break;
            }
        }

        return -1;
    }

    private static string Normalize(string text)
    {
        var output = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                output.Append(char.ToLowerInvariant(c));
            }
        }

        return output.ToString();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Privacy guard refused the {Purpose} call to {Destination}: a known identifier remained after redaction")]
    private partial void LogBlocked(string destination, string purpose);
}
