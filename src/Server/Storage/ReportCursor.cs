using System.Buffers.Text;
using System.Globalization;
using System.Text;
using MedicalImaging.Server.Domain;

namespace MedicalImaging.Server.Storage;

/// <summary>Keyset position in a newest-first list: the last (created_at, id) seen.</summary>
public sealed record ReportCursor(long CreatedAtUnixMs, string ReportId)
{
    /// <summary>The opaque page token.</summary>
    public string ToToken() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"v1|{CreatedAtUnixMs}|{ReportId}")));

    /// <summary>Parses a page token; null for an empty token.</summary>
    /// <exception cref="InvalidRequestException">The token was not made by <see cref="ToToken"/>.</exception>
    public static ReportCursor? Parse(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)).Split('|');
            if (parts.Length == 3 && parts[0] == "v1"
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                && IdGenerator.IsWellFormed(parts[2], "rpt"))
            {
                return new ReportCursor(ms, parts[2]);
            }
        }
        catch (FormatException)
        {
        }

        throw new InvalidRequestException("page_token", "page_token is not a token this server issued; pass next_page_token unchanged.");
    }
}
