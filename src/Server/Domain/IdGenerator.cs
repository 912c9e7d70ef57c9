using System.Security.Cryptography;

namespace MedicalImaging.Server.Domain;

/// <summary>Opaque, unguessable ids with a readable prefix (e.g. rpt_3f9c…).</summary>
public static class IdGenerator
{
    /// <summary>Lowercase hexadecimal digits.</summary>
    public static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    /// <summary>A new id: prefix, underscore, 24 hex characters of randomness.</summary>
    public static string New(string prefix) => prefix + "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>True when <paramref name="id"/> has the shape <see cref="New"/> makes for <paramref name="prefix"/>.</summary>
    public static bool IsWellFormed(string? id, string prefix) =>
        id is not null
        && id.Length == prefix.Length + 25
        && id.StartsWith(prefix + "_", StringComparison.Ordinal)
        && !id.AsSpan(prefix.Length + 1).ContainsAnyExcept(LowerHex);
}
