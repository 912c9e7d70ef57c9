using System.Security.Cryptography;
using System.Text;

namespace MedicalImaging.Server.Cluster;

/// <summary>
/// KV keys and subject tokens from ids. Ids this server makes (ana_…) are safe tokens as they are; anything a
/// client chose (user ids, request ids) is hashed, so no dot, wildcard or space can reach a subject.
/// </summary>
internal static class NatsKeys
{
    /// <summary>True when <paramref name="id"/> can be a subject token and KV key as it is.</summary>
    public static bool IsToken(string? id) =>
        id is { Length: > 0 and <= 128 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    /// <summary>A token for client-chosen parts: SHA-256 of them (NUL-separated), hex.</summary>
    public static string Hash(params string[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\0', parts))));
}
