using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MedicalImaging.Dicom;

/// <summary>
/// Retain Longitudinal Temporal Information with Modified Dates: every date and time of one patient moves by the
/// same offset, derived from the key and the patient's original Patient ID: back 1 to 520 whole weeks, then forward
/// 0 to 86399 seconds. A date with its time (Study Date + Study Time, a DT) moves as one instant, so the order and
/// intervals of a patient's events survive to the second; a date alone moves by the whole weeks, a time alone by
/// the seconds (modulo a day). Without the key the real dates cannot be recovered.
/// </summary>
internal sealed class DateShifter
{
    private const int MaxWeeks = 520;

    public DateShifter(byte[] key, string patientKey)
    {
        var label = Encoding.UTF8.GetBytes("medimg-deid-date-offset\0" + patientKey);
        var hash = HMACSHA256.HashData(key, label);
        Days = -7 * (1 + (int)(BinaryPrimitives.ReadUInt32LittleEndian(hash) % MaxWeeks));
        Seconds = (int)(BinaryPrimitives.ReadUInt32LittleEndian(hash.AsSpan(4)) % 86400);
    }

    /// <summary>Whole days added to every date (negative: dates move into the past).</summary>
    public int Days { get; }

    /// <summary>Seconds added after the days (0 to 86399); a time alone moves by this modulo a day.</summary>
    public int Seconds { get; }

    /// <summary>The whole offset: <see cref="Days"/> then <see cref="Seconds"/>.</summary>
    public TimeSpan Offset => TimeSpan.FromDays(Days) + TimeSpan.FromSeconds(Seconds);

    /// <summary>Shifts a DA, TM or DT value (multi-valued too); null when it is not one this can parse (the profile action then applies).</summary>
    public string? Shift(string value, DicomVR vr) => Each(value, part => vr switch
    {
        DicomVR.DA => ShiftDate(part),
        DicomVR.TM => ShiftTime(part),
        DicomVR.DT => ShiftDateTime(part),
        _ => null,
    });

    /// <summary>Shifts a date and its time as one instant; null when either does not parse or either is multi-valued.</summary>
    public (string Date, string Time)? ShiftPair(string date, string time)
    {
        if (date.Contains('\\', StringComparison.Ordinal) || time.Contains('\\', StringComparison.Ordinal)
            || ParseDate(date.Trim()) is not { } day || ParseTime(time.Trim()) is not { } clock)
        {
            return null;
        }

        var moved = day.ToDateTime(TimeOnly.MinValue) + clock.Value + Offset;
        return (Format(DateOnly.FromDateTime(moved)), FormatTime(moved.TimeOfDay, clock.Digits, clock.Fraction));
    }

    private string? ShiftDate(string value) => ParseDate(value) is { } day ? Format(day.AddDays(Days)) : null;

    private string? ShiftTime(string value)
    {
        if (ParseTime(value) is not { } clock)
        {
            return null;
        }

        var moved = TimeSpan.FromTicks((clock.Value.Ticks + TimeSpan.FromSeconds(Seconds).Ticks) % TimeSpan.TicksPerDay);
        return FormatTime(moved, clock.Digits, clock.Fraction);
    }

    private string? ShiftDateTime(string value)
    {
        // YYYYMMDD[HH[MM[SS[.F{1,6}]]]][&ZZXX]; the UTC offset suffix is kept as written. A year or month alone
        // (allowed by the VR) is not shifted: the profile's action applies.
        if (value.Length < 8)
        {
            return null;
        }

        var zone = value.IndexOfAny(['+', '-'], 8);
        var suffix = zone > 0 ? value[zone..] : "";
        var body = zone > 0 ? value[..zone] : value;
        if (body.Length < 8 || ParseDate(body[..8]) is not { } day)
        {
            return null;
        }

        if (body.Length == 8)
        {
            return Format(day.AddDays(Days)) + suffix;
        }

        return ShiftPair(body[..8], body[8..]) is { } pair ? pair.Date + pair.Time + suffix : null;
    }

    private static string? Each(string value, Func<string, string?> shift)
    {
        var parts = value.Split('\\');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i].Trim();
            if (part.Length == 0)
            {
                continue;
            }

            if (shift(part) is not { } moved)
            {
                return null;
            }

            parts[i] = moved;
        }

        return string.Join('\\', parts);
    }

    private static DateOnly? ParseDate(string value) =>
        value.Length == 8 && DateOnly.TryParseExact(value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    /// <summary>HH[MM[SS[.F{1,6}]]] → time of day, how many of HH/MM/SS digits were written, and the fraction's length.</summary>
    private static (TimeSpan Value, int Digits, int Fraction)? ParseTime(string value)
    {
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        var digits = dot >= 0 ? value[..dot] : value;
        var fraction = dot >= 0 ? value[(dot + 1)..] : "";
        if (digits.Length is not (2 or 4 or 6) || !digits.All(char.IsAsciiDigit) || fraction.Length > 6 || !fraction.All(char.IsAsciiDigit)
            || (fraction.Length > 0 && digits.Length != 6))
        {
            return null;
        }

        var h = int.Parse(digits[..2], CultureInfo.InvariantCulture);
        var m = digits.Length >= 4 ? int.Parse(digits[2..4], CultureInfo.InvariantCulture) : 0;
        var s = digits.Length == 6 ? int.Parse(digits[4..6], CultureInfo.InvariantCulture) : 0;
        if (h > 23 || m > 59 || s > 60)
        {
            return null;
        }

        var ticks = fraction.Length > 0 ? long.Parse(fraction.PadRight(7, '0'), CultureInfo.InvariantCulture) : 0;
        return (new TimeSpan(h, m, Math.Min(s, 59)) + TimeSpan.FromTicks(ticks), digits.Length, fraction.Length);
    }

    /// <summary>Formats with the precision the value was written in (a coarser value stays as coarse).</summary>
    private static string FormatTime(TimeSpan time, int digits, int fraction)
    {
        var text = time.ToString(digits switch { 2 => "hh", 4 => "hhmm", _ => "hhmmss" }, CultureInfo.InvariantCulture);
        if (fraction > 0)
        {
            var ticks = (time.Ticks % TimeSpan.TicksPerSecond).ToString("D7", CultureInfo.InvariantCulture);
            text += "." + ticks[..fraction];
        }

        return text;
    }

    private static string Format(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
