using System.Security.Cryptography;
using System.Text;

namespace MedicalImaging.Auth.Audit;

/// <summary>
/// The hash chain of the audit log, shared by the server (which writes it) and <c>medimg audit verify</c> (which checks it
/// offline). A line is the record's JSON object with <c>"prev"</c> (the previous line's hash) inside it and
/// <c>,"hash":"…"</c> appended as its last member; the hash covers the exact bytes of the line without that member, so
/// verifying needs no canonicalisation beyond "strip the last member". The hash is SHA-256, or HMAC-SHA-256 under
/// AUDIT_HMAC_KEY so that whoever can edit the file cannot also recompute the chain.
/// </summary>
public static class AuditChain
{
    /// <summary>The <c>prev</c> of the first line of a log.</summary>
    public static readonly string GenesisHash = new('0', 64);

    /// <summary>The <c>alg</c> of a line hashed with plain SHA-256.</summary>
    public const string Sha256 = "sha256";

    /// <summary>The <c>alg</c> of a line hashed with HMAC-SHA-256 under a key.</summary>
    public const string HmacSha256 = "hmac-sha256";

    private const string HashMember = ",\"hash\":\"";

    /// <summary>The algorithm name for a key (null or empty: plain SHA-256).</summary>
    public static string Algorithm(byte[]? key) => key is { Length: > 0 } ? HmacSha256 : Sha256;

    /// <summary>The key bytes of an AUDIT_HMAC_KEY value (its UTF-8 bytes), or null when unset.</summary>
    public static byte[]? KeyFrom(string? value) => string.IsNullOrEmpty(value) ? null : Encoding.UTF8.GetBytes(value);

    /// <summary>Lowercase hex hash of <paramref name="body"/> (HMAC when <paramref name="key"/> is given).</summary>
    public static string Hash(ReadOnlySpan<byte> body, byte[]? key)
    {
        Span<byte> digest = stackalloc byte[32];
        if (key is { Length: > 0 })
        {
            HMACSHA256.HashData(key, body, digest);
        }
        else
        {
            SHA256.HashData(body, digest);
        }

        return Convert.ToHexStringLower(digest);
    }

    /// <summary>Appends the hash member to a JSON object <paramref name="body"/>: the line to write (without newline).</summary>
    public static string Seal(string body, byte[]? key, out string hash)
    {
        ArgumentException.ThrowIfNullOrEmpty(body);
        if (body[^1] != '}')
        {
            throw new ArgumentException("The record must be a JSON object.", nameof(body));
        }

        hash = Hash(Encoding.UTF8.GetBytes(body), key);
        return string.Concat(body.AsSpan(0, body.Length - 1), HashMember, hash, "\"}");
    }

    /// <summary>Splits a line into the hashed body and its stated hash; false when the line does not end in a hash member.</summary>
    public static bool TryOpen(string line, out string body, out string hash)
    {
        ArgumentNullException.ThrowIfNull(line);
        body = string.Empty;
        hash = string.Empty;
        var start = line.Length - 2 - 64 - HashMember.Length;
        if (start <= 0 || !line.EndsWith("\"}", StringComparison.Ordinal) || string.CompareOrdinal(line, start, HashMember, 0, HashMember.Length) != 0)
        {
            return false;
        }

        hash = line.Substring(start + HashMember.Length, 64);
        body = string.Concat(line.AsSpan(0, start), "}");
        return true;
    }
}
