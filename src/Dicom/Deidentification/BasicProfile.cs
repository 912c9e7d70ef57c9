namespace MedicalImaging.Dicom;

/// <summary>
/// PS3.15 Annex E Table E.1-1 (generated into <see cref="BasicProfileTable"/>) with each Basic Profile code
/// resolved to one action. A combined code lets the de-identifier pick what keeps the IOD conformant; without the
/// IOD's attribute types at hand we take the choice that is conformant for every IOD and still carries no
/// information: X/Z → Z, X/D → D, X/Z/D → D, Z/D → D, X/Z/U* → U (the sequence stays, every UID in it remapped).
/// </summary>
internal static class BasicProfile
{
    private static readonly Dictionary<uint, BasicProfileEntry> ByTag = BasicProfileTable.Entries
        .Where(e => e.Mask == 0xFFFFFFFF)
        .ToDictionary(e => e.Tag);

    private static readonly BasicProfileEntry[] Repeating = [.. BasicProfileTable.Entries.Where(e => e.Mask != 0xFFFFFFFF)];

    /// <summary>Every attribute of the table with a single tag, and its resolved Basic Profile action.</summary>
    public static readonly IReadOnlyDictionary<uint, DeidentificationAction> Actions =
        ByTag.ToDictionary(p => p.Key, p => Resolve(p.Value.Code));

    /// <summary>Kept under the Retain Patient Characteristics Option (the rows whose column says K).</summary>
    public static readonly HashSet<uint> PatientCharacteristics = [.. ByTag.Values.Where(e => e.RetainPatientCharacteristics == 'K').Select(e => e.Tag)];

    /// <summary>
    /// Date (DA) and time (TM) attributes that describe one instant ("Study Date"/"Study Time", "Date of Last
    /// Calibration"/"Time of Last Calibration"): paired by their names in the table, both ways.
    /// </summary>
    public static readonly IReadOnlyDictionary<uint, uint> DateTimePartners = PairDatesAndTimes();

    /// <summary>The table's row for <paramref name="tag"/> (private attributes included), or null when the profile keeps it.</summary>
    public static BasicProfileEntry? Find(DicomTag tag)
    {
        if (tag.IsPrivate)
        {
            return BasicProfileTable.PrivateAttributes;
        }

        if (ByTag.TryGetValue(tag.Value, out var entry))
        {
            return entry;
        }

        foreach (var row in Repeating)
        {
            if (row.Matches(tag.Value))
            {
                return row;
            }
        }

        return null;
    }

    private static Dictionary<uint, uint> PairDatesAndTimes()
    {
        var dates = ByTag.Values.Where(e => e.VR == "DA").ToDictionary(e => e.Name, e => e.Tag, StringComparer.Ordinal);
        var pairs = new Dictionary<uint, uint>();
        foreach (var time in ByTag.Values.Where(e => e.VR == "TM"))
        {
            var dateName = System.Text.RegularExpressions.Regex.Replace(time.Name, @"\bTime\b", "Date");
            if (dates.TryGetValue(dateName, out var date))
            {
                pairs[time.Tag] = date;
                pairs[date] = time.Tag;
            }
        }

        return pairs;
    }

    /// <summary>The action a Basic Profile code stands for (see the class remarks for combined codes).</summary>
    public static DeidentificationAction Resolve(string code) => code switch
    {
        "K" => DeidentificationAction.Keep,
        "X" => DeidentificationAction.Remove,
        "Z" or "X/Z" => DeidentificationAction.Empty,
        "D" or "X/D" or "X/Z/D" or "Z/D" => DeidentificationAction.Dummy,
        "U" or "X/Z/U*" => DeidentificationAction.RemapUid,
        "C" => DeidentificationAction.Clean,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "not a PS3.15 Table E.1-1 action code"),
    };
}
