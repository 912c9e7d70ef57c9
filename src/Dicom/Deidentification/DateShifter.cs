using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MedicalImaging.Dicom;

/// <summary>
/// Retain Longitudinal Temporal Information with Modified Dates: every date of one patient moves back by the same
/// whole number of weeks (1 to 520), derived from the key and the patient's original Patient ID. Intervals between
/// a patient's studies and the weekday survive; the real dates cannot be recovered without the key. Times of day
/// (TM, the time part of DT) are kept: shifting them too would move a Study Date/Study Time pair across midnight
/// unless every date were paired with its time, which the attribute set does not make reliable.
/// </summary>
internal sealed class DateShifter
{
    private const int MaxWeeks = 520;

    public DateShifter(byte[] key, string patientKey)
    {
        var label = Encoding.UTF8.GetBytes("medimg-deid-date-offset\0" + patientKey);
        var hash = HMACSHA256.HashData(key, label);
        Days = -7 * (1 + (int)(BinaryPrimitives.ReadUInt32LittleEndian(hash) % MaxWeeks));
    }

    /// <summary>Days added to every date (negative: dates move into the past).</summary>
    public int Days { get; }

    /// <summary>The shifted value, or null when it is not a full date this can shift (the profile action then applies).</summary>
    public string? Shift(string value, DicomVR vr)
    {
        if (vr == DicomVR.TM)
        {
            return value;
        }

        var parts = value.Split('\\');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i].Trim();
            if (part.Length == 0)
            {
                continue;
            }

            if (part.Length < 8 || !DateOnly.TryParseExact(part.AsSpan(0, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                || (vr == DicomVR.DA && part.Length != 8))
            {
                return null;
            }

            parts[i] = date.AddDays(Days).ToString("yyyyMMdd", CultureInfo.InvariantCulture) + part[8..];
        }

        return string.Join('\\', parts);
    }
}
