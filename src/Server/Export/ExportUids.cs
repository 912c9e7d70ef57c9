using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace MedicalImaging.Server.Export;

/// <summary>
/// Our own DICOM UIDs, under the "2.25" root (PS3.5 B.2: a UUID as one decimal integer, needing no registered
/// organisation root). The UUID is name-based (RFC 9562 version 8 layout over SHA-256 of a purpose and the report
/// id), so exporting the same report twice gives the same SR series and instance: a PACS sees a re-export as the same
/// object, not a new one.
/// </summary>
public static class ExportUids
{
    /// <summary>The UID root used.</summary>
    public const string Root = "2.25";

    /// <summary>A stable UID for <paramref name="purpose"/> of <paramref name="name"/> (e.g. "sr-instance", a report id).</summary>
    public static string For(string purpose, string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("medimg-export:" + purpose + ":" + name));
        var uuid = hash.AsSpan(0, 16).ToArray();
        uuid[6] = (byte)((uuid[6] & 0x0F) | 0x80); // version 8 (custom, name-based)
        uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80); // RFC variant
        var value = new BigInteger(uuid, isUnsigned: true, isBigEndian: true);
        return Root + "." + value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
