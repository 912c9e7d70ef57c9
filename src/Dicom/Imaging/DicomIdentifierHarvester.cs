namespace MedicalImaging.Dicom;

/// <summary>
/// Reads the values that identify a patient from a dataset, so the server's egress guard can redact them
/// wherever they turn up in outbound text and refuse a body that still holds one. Harvested: every person
/// name (PN) anywhere, every UID that is not a DICOM-registered one, and the text, date and ID values of
/// the PS3.15 Annex E Basic Profile attributes that identify (IDs, dates and date-times, institution,
/// addresses, telephone numbers, station and device names, accession and other numbers), in sequence items
/// too. Times, ages, sex, sizes and coded values are not harvested (too short or too common to match on);
/// free-text descriptions are not either: no header text other than coded values goes into a prompt.
/// Keeps its own tag list so it does not depend on the de-identifier's table.
/// </summary>
public static class DicomIdentifierHarvester
{
    private const int MaxItemsDepth = 8;

    /// <summary>Basic Profile attributes whose value identifies (their VRs are text, dates or UIDs).</summary>
    private static readonly HashSet<uint> IdentifyingTags =
    [
        0x00080014, 0x00080018, 0x00080020, 0x00080021, 0x00080022, 0x00080023, 0x00080024, 0x00080025, 0x0008002A,
        0x00080050, 0x00080080, 0x00080081, 0x00080082, 0x00080090, 0x00080092, 0x00080094, 0x00080096, 0x00080116,
        0x00081010, 0x00081040, 0x00081048, 0x00081049, 0x00081050, 0x00081052, 0x00081060, 0x00081062, 0x00081070,
        0x00081072, 0x00100010, 0x00100020, 0x00100021, 0x00100030, 0x00100032, 0x00100050, 0x00100101, 0x00101000,
        0x00101001, 0x00101002, 0x00101005, 0x00101040, 0x00101050, 0x00101060, 0x00101080, 0x00101081, 0x00102154,
        0x00102155, 0x00102203, 0x00102297, 0x00102299, 0x00181000, 0x00181002, 0x00181004, 0x00181005, 0x00181007,
        0x00181008, 0x00181012, 0x00181200, 0x00181201, 0x0018700A, 0x00200010, 0x00200052, 0x00200200, 0x00321020,
        0x00321021, 0x00321032, 0x00321033, 0x00380010, 0x00380011, 0x0038001E, 0x00380020, 0x00380021, 0x00380300,
        0x00380400, 0x00380500, 0x00400001, 0x00400002, 0x00400004, 0x00400006, 0x0040000B, 0x00400010, 0x00400011,
        0x00400241, 0x00400242, 0x00400243, 0x00400244, 0x00400250, 0x00400253, 0x00401001, 0x00401005, 0x00401010,
        0x00401011, 0x00401101, 0x00401102, 0x00401103, 0x00401104, 0x00402008, 0x00402009, 0x00402010, 0x00402016,
        0x00402017, 0x00404025, 0x00404027, 0x00404030, 0x00404034, 0x00404035, 0x00404036, 0x00404037, 0x0040A027,
        0x0040A073, 0x0040A075, 0x0040A078, 0x0040A07A, 0x0040A07C, 0x0040A088, 0x0040A123, 0x00700084, 0x00700086,
        0x00880140, 0x30060002, 0x30060008, 0x300A0002, 0x300A0003, 0x300E0008, 0x40000010, 0x40080042, 0x40080102,
        0x4008010A, 0x4008010C, 0x40080114, 0x40080119, 0x4008011A, 0x40080202,
    ];

    /// <summary>Distinct identifying values of <paramref name="dataset"/>, raw (a PN as "DOE^JANE", a DA as "19310502").</summary>
    public static IReadOnlyList<string> Harvest(DicomDataset dataset)
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        Walk(dataset, values, 0);
        return [.. values];
    }

    private static void Walk(DicomDataset dataset, HashSet<string> values, int depth)
    {
        foreach (var element in dataset.Elements)
        {
            if (element.Items is { } items)
            {
                if (depth < MaxItemsDepth)
                {
                    foreach (var item in items)
                    {
                        Walk(item, values, depth + 1);
                    }
                }

                continue;
            }

            var vr = DicomDataset.EffectiveVR(element);
            var harvest = vr switch
            {
                DicomVR.PN => true,
                DicomVR.UI => true,
                DicomVR.LO or DicomVR.SH or DicomVR.ST or DicomVR.LT or DicomVR.UT or DicomVR.UC or DicomVR.DA or DicomVR.DT or DicomVR.AE
                    => IdentifyingTags.Contains(element.Tag.Value),
                _ => false,
            };
            if (!harvest || element.Value.Length == 0)
            {
                continue;
            }

            foreach (var value in dataset.GetStrings(element.Tag))
            {
                var text = vr == DicomVR.DT && value.Length > 8 ? value[..8] : value;
                if (text.Length < 2 || (vr == DicomVR.UI && text.StartsWith("1.2.840.10008.", StringComparison.Ordinal)))
                {
                    continue;
                }

                values.Add(text);
            }
        }
    }
}
