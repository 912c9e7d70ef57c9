using System.Text.RegularExpressions;

namespace MedicalImaging.Server.Logging;

/// <summary>
/// Finds credentials in log text: bearer tokens (an Authorization header's value), query values named like
/// secrets (<c>?token=</c>, <c>access_token</c>, <c>key</c>, <c>api_key</c>…) and anything shaped like a JWT
/// (<c>eyJ…</c>), whichever way a message, a state value or an exception carries them.
/// </summary>
public static partial class SecretRedactor
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "[REDACTED]";

    // Cheap pre-check: nearly every log line contains none of these, and then no regex runs.
    private static readonly string[] Triggers = ["token", "eyJ", "bearer", "basic ", "key", "secret", "password", "authorization"];

    /// <summary>True when <paramref name="text"/> may hold a secret (then <see cref="Redact"/> is worth calling).</summary>
    public static bool MayContainSecret(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        foreach (var trigger in Triggers)
        {
            if (text.Contains(trigger, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The text with every secret masked; the same instance when there was none.</summary>
    public static string Redact(string text)
    {
        if (!MayContainSecret(text))
        {
            return text;
        }

        var redacted = JwtShaped().Replace(text, Mask);
        redacted = AuthorizationValue().Replace(redacted, "${scheme}" + Mask);
        redacted = SecretQueryValue().Replace(redacted, "${name}" + Mask);
        return redacted == text ? text : redacted;
    }

    /// <summary>True for a name whose value is a secret as a whole (a header or a state key).</summary>
    public static bool IsSecretName(string name) =>
        name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase)
        || name.Equals("token", StringComparison.OrdinalIgnoreCase)
        || name.Equals("access_token", StringComparison.OrdinalIgnoreCase)
        || name.Equals("api_key", StringComparison.OrdinalIgnoreCase)
        || name.Equals("x-api-key", StringComparison.OrdinalIgnoreCase);

    // A JWT (or JWS/JWE) header is base64url of '{"', so always starts "eyJ"; one segment is enough to mask.
    [GeneratedRegex(@"eyJ[A-Za-z0-9_\-]{4,}(?:\.[A-Za-z0-9_\-]*)*", RegexOptions.CultureInvariant)]
    private static partial Regex JwtShaped();

    // "Bearer abc…", "Basic abc…", "authorization: abc…", "Authorization=abc…" in any letter case; eight characters
    // at least, so prose such as "the bearer token has no sub claim" stays readable.
    [GeneratedRegex(@"(?<scheme>\b(?:bearer|basic)\s+|\b(?:proxy-)?authorization\b[""']?\s*[:=]\s*[""']?(?:(?:bearer|basic)\s+)?)[A-Za-z0-9\-._~+/=]{8,}",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AuthorizationValue();

    // token=…, access_token=…, id_token=…, key=…, api_key=…, apikey=…, secret=…, password=… in a query or a form
    // (not pageToken=: a paging cursor, not a credential).
    [GeneratedRegex(@"(?<name>(?:^|[?&;\s])(?:(?:access_|id_|refresh_)?token|key|api[_-]?key|client_secret|secret|password|pwd)=)[^&\s""'#]+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretQueryValue();
}
