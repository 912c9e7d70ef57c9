using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MedicalImaging.Auth.Audit;

/// <summary>
/// Checks an audit log line by line: each line's hash matches its content, its <c>prev</c> is the previous line's hash
/// and its <c>seq</c> follows the previous one. An edited line fails its own hash; a deleted line breaks the next line's
/// <c>prev</c>; swapped lines break at the first of the pair. A log kept with AUDIT_HMAC_KEY needs the key.
/// </summary>
public static class AuditChainVerifier
{
    /// <summary>Verifies the log at <paramref name="path"/>.</summary>
    public static AuditVerification VerifyFile(string path, byte[]? key)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Verify(reader, key);
    }

    /// <summary>Verifies the lines <paramref name="reader"/> yields.</summary>
    public static AuditVerification Verify(TextReader reader, byte[]? key)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var previousHash = (string?)null;
        var previousSeq = 0L;
        string? algorithm = null;
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var problem = Check(line, key, ref previousHash, ref previousSeq, ref algorithm);
            if (problem is not null)
            {
                return new AuditVerification(lineNumber - 1, lineNumber, problem, algorithm);
            }
        }

        return new AuditVerification(lineNumber, null, null, algorithm);
    }

    private static string? Check(string line, byte[]? key, ref string? previousHash, ref long previousSeq, ref string? algorithm)
    {
        if (!AuditChain.TryOpen(line, out var body, out var stated))
        {
            return "the line does not end with a \"hash\" member (truncated or not an audit record)";
        }

        string? prev;
        long seq;
        string? alg;
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            prev = root.TryGetProperty("prev", out var p) ? p.GetString() : null;
            seq = root.TryGetProperty("seq", out var s) && s.TryGetInt64(out var n) ? n : -1;
            alg = root.TryGetProperty("alg", out var a) ? a.GetString() : null;
        }
        catch (JsonException ex)
        {
            return $"the line is not valid JSON ({ex.Message})";
        }

        if (alg is not (AuditChain.Sha256 or AuditChain.HmacSha256))
        {
            return $"unknown hash algorithm '{alg}'";
        }

        if (alg == AuditChain.HmacSha256 && key is not { Length: > 0 })
        {
            return "the log is keyed (hmac-sha256): pass the AUDIT_HMAC_KEY it was written with (--key)";
        }

        algorithm ??= alg;
        var computed = AuditChain.Hash(Encoding.UTF8.GetBytes(body), alg == AuditChain.HmacSha256 ? key : null);
        if (!string.Equals(computed, stated, StringComparison.Ordinal))
        {
            return alg == AuditChain.HmacSha256
                ? "the hash does not match the line's content (the line was edited, or the key is not the one it was written with)"
                : "the hash does not match the line's content (the line was edited)";
        }

        if (previousHash is null && (seq != 1 || !string.Equals(prev, AuditChain.GenesisHash, StringComparison.Ordinal)))
        {
            return "the first line is not the start of a log (seq 1, prev all zeros): lines before it were removed";
        }

        if (previousHash is not null && !string.Equals(prev, previousHash, StringComparison.Ordinal))
        {
            return "\"prev\" is not the previous line's hash (a line before it was removed, inserted or moved)";
        }

        if (previousHash is not null && seq != previousSeq + 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"\"seq\" is {seq}, expected {previousSeq + 1}");
        }

        previousHash = stated;
        previousSeq = seq;
        return null;
    }
}
