using System.Globalization;
using System.Text.Json;

namespace MedicalImaging.Server.Providers.Chain;

/// <summary>
/// Reads a provider's retry hint: the Retry-After header (seconds or HTTP date), Gemini's RetryInfo in the body, or
/// Groq's x-ratelimit-reset-* headers (Go durations such as <c>2m59.56s</c>).
/// </summary>
public static partial class RetryAfterParser
{
    /// <summary>
    /// The longest hint taken as given: a provider's "retry in 10^20 s" (or a value no <see cref="TimeSpan"/> holds)
    /// means "not soon", and must not throw out of the classifier; a day is longer than any cool-down we act on.
    /// </summary>
    public static readonly TimeSpan MaxHint = TimeSpan.FromDays(1);

    /// <summary>A hint in seconds, capped at <see cref="MaxHint"/>; null when negative or not a number.</summary>
    public static TimeSpan? FromSeconds(double seconds) =>
        double.IsNaN(seconds) || seconds < 0 ? null
        : seconds >= MaxHint.TotalSeconds ? MaxHint
        : TimeSpan.FromSeconds(seconds);

    /// <summary>A Go-style duration (<c>7.66s</c>, <c>2m59.56s</c>, <c>1h2m</c>, <c>250ms</c>), as Groq's reset headers carry.</summary>
    public static TimeSpan? FromGoDuration(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var match = GoDuration().Match(value.Trim());
        if (!match.Success || match.Length == 0)
        {
            return null;
        }

        double Part(string name) =>
            match.Groups[name].Success ? double.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;

        return FromSeconds((Part("h") * 3600) + (Part("m") * 60) + Part("s") + (Part("ms") / 1000));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:(?<h>\d+(?:\.\d+)?)h)?(?:(?<m>\d+(?:\.\d+)?)m(?!s))?(?:(?<s>\d+(?:\.\d+)?)s)?(?:(?<ms>\d+(?:\.\d+)?)ms)?$")]
    private static partial System.Text.RegularExpressions.Regex GoDuration();

    public static TimeSpan? FromHeader(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && at > now
            ? FromSeconds((at - now).TotalSeconds)
            : null;
    }

    /// <summary>Finds <c>"retryDelay": "7s"</c> of a google.rpc.RetryInfo anywhere in an error body.</summary>
    public static TimeSpan? FromBody(string? body)
    {
        if (string.IsNullOrEmpty(body) || !body.Contains("retryDelay", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return Find(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static TimeSpan? Find(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.NameEquals("retryDelay") && property.Value.ValueKind == JsonValueKind.String)
                    {
                        var text = property.Value.GetString()!.TrimEnd('s');
                        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                            && FromSeconds(seconds) is { } delay)
                        {
                            return delay;
                        }
                    }

                    if (Find(property.Value) is { } nested)
                    {
                        return nested;
                    }
                }

                return null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (Find(item) is { } nested)
                    {
                        return nested;
                    }
                }

                return null;
            default:
                return null;
        }
    }
}
