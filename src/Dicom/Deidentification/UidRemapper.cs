using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MedicalImaging.Dicom;

/// <summary>
/// Maps a UID to 2.25.&lt;first 128 bits of HMAC-SHA256(key, uid) as a decimal integer&gt;: the same key and UID give
/// the same new UID in every file and run; without the key the mapping can be neither reversed nor recomputed.
/// </summary>
internal sealed class UidRemapper
{
    /// <summary>UIDs these attributes hold name classes, syntaxes and coding schemes, not instances: kept.</summary>
    private static readonly HashSet<uint> ClassUidTags =
    [
        0x00020002, 0x00020010, 0x00020012, 0x00020032, 0x00041510, 0x00041512, 0x0004151A, 0x00080016,
        0x0008001A, 0x0008001B, 0x00080062, 0x0008010C, 0x00080118, 0x0008040E, 0x00081150, 0x0008115A,
        0x00083002, 0x00340003, 0x04000010, 0x04000510, 0x30100052, 0x30100053,
    ];

    private readonly byte[] _key;
    private readonly Dictionary<string, string> _cache = new(StringComparer.Ordinal);

    public UidRemapper(byte[] key)
    {
        _key = key;
    }

    /// <summary>DICOM-registered UIDs (SOP classes, transfer syntaxes, coding schemes) identify nothing and are kept.</summary>
    public static bool IsRegistered(string uid) => uid.StartsWith("1.2.840.10008.", StringComparison.Ordinal);

    /// <summary>True for an attribute outside Table E.1-1 whose UIDs are class identifiers (kept as they are).</summary>
    public static bool HoldsClassUids(DicomTag tag) => ClassUidTags.Contains(tag.Value);

    public string Map(string uid)
    {
        if (uid.Length == 0 || IsRegistered(uid))
        {
            return uid;
        }

        if (!_cache.TryGetValue(uid, out var mapped))
        {
            var hash = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(uid));
            var value = new UInt128(BitConverter.ToUInt64(hash, 0), BitConverter.ToUInt64(hash, 8));
            mapped = "2.25." + value.ToString(CultureInfo.InvariantCulture);
            _cache[uid] = mapped;
        }

        return mapped;
    }
}
