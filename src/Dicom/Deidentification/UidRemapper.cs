using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MedicalImaging.Dicom;

/// <summary>Maps a UID to 2.25.&lt;128-bit integer from HMAC-SHA256(secret, uid)&gt;: same input, same output; not reversible.</summary>
internal sealed class UidRemapper
{
    private readonly byte[] _secret;
    private readonly Dictionary<string, string> _cache = new(StringComparer.Ordinal);

    public UidRemapper(byte[] secret)
    {
        _secret = secret;
    }

    /// <summary>DICOM-registered UIDs (SOP classes, transfer syntaxes, coding schemes) identify nothing and are kept.</summary>
    public static bool IsRegistered(string uid) => uid.StartsWith("1.2.840.10008.", StringComparison.Ordinal);

    public string Map(string uid)
    {
        if (uid.Length == 0 || IsRegistered(uid))
        {
            return uid;
        }

        if (!_cache.TryGetValue(uid, out var mapped))
        {
            var hash = HMACSHA256.HashData(_secret, Encoding.ASCII.GetBytes(uid));
            var value = new UInt128(BitConverter.ToUInt64(hash, 0), BitConverter.ToUInt64(hash, 8));
            mapped = "2.25." + value.ToString(CultureInfo.InvariantCulture);
            _cache[uid] = mapped;
        }

        return mapped;
    }
}
