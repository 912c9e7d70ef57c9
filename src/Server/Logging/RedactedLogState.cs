using System.Collections;
using System.Globalization;

namespace MedicalImaging.Server.Logging;

/// <summary>
/// A log entry's or scope's state with secrets masked: the structured values providers write (the JSON console's
/// "State" and "Scopes") and the formatted message (<see cref="ToString"/>).
/// </summary>
internal sealed class RedactedLogState : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly IReadOnlyList<KeyValuePair<string, object?>> _values;
    private readonly string _message;

    public RedactedLogState(IReadOnlyList<KeyValuePair<string, object?>> values, string message)
    {
        _values = values;
        _message = message;
    }

    public int Count => _values.Count;

    public KeyValuePair<string, object?> this[int index] => _values[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => _message;

    /// <summary>
    /// The state with secrets masked, when it held any: a list of values (message-template state, the hosting scope,
    /// a dictionary) keeps its shape with the values masked; anything else becomes its masked text.
    /// </summary>
    public static bool TryRedact(object? state, out object? redacted)
    {
        redacted = state;
        switch (state)
        {
            case null:
                return false;
            case string text:
                var masked = SecretRedactor.Redact(text);
                redacted = masked;
                return !ReferenceEquals(masked, text);
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                return TryRedactPairs(state, pairs.ToList(), out redacted);
            default:
                var shown = Convert.ToString(state, CultureInfo.InvariantCulture) ?? string.Empty;
                var maskedShown = SecretRedactor.Redact(shown);
                redacted = ReferenceEquals(maskedShown, shown) ? state : maskedShown;
                return !ReferenceEquals(maskedShown, shown);
        }
    }

    private static bool TryRedactPairs(object original, List<KeyValuePair<string, object?>> pairs, out object? redacted)
    {
        var changed = false;
        for (var i = 0; i < pairs.Count; i++)
        {
            var (key, value) = pairs[i];
            if (value is null or bool or int or long or double or float or decimal or Enum)
            {
                continue;
            }

            var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
            var masked = SecretRedactor.IsSecretName(key) && text.Length > 0 ? SecretRedactor.Mask : SecretRedactor.Redact(text);
            if (!ReferenceEquals(masked, text) && masked != text)
            {
                pairs[i] = new KeyValuePair<string, object?>(key, masked);
                changed = true;
            }
        }

        var message = Convert.ToString(original, CultureInfo.InvariantCulture) ?? string.Empty;
        var maskedMessage = SecretRedactor.Redact(message);
        changed |= !ReferenceEquals(maskedMessage, message);
        redacted = changed ? new RedactedLogState(pairs, maskedMessage) : original;
        return changed;
    }
}
