namespace MedicalImaging.Dicom;

/// <summary>
/// De-identification Method (0012,0063) and its code sequence (0012,0064): what was done, as PS3.16 CID 7050 codes
/// (DCM 113100 for the profile, one code per option in force), so a receiver can tell which options were applied.
/// </summary>
internal static class DeidentificationMethod
{
    private static readonly DicomTag CodeValue = new(0x0008, 0x0100);
    private static readonly DicomTag CodingSchemeDesignator = new(0x0008, 0x0102);
    private static readonly DicomTag CodeMeaning = new(0x0008, 0x0104);

    /// <summary>The profile's code and each option's code, in code order.</summary>
    public static IReadOnlyList<(string Code, string Meaning)> Codes(DeidentificationOptions options)
    {
        var codes = new List<(string, string)> { ("113100", "Basic Application Confidentiality Profile") };
        if (options.CleanDescriptors)
        {
            codes.Add(("113105", "Clean Descriptors Option"));
        }

        if (options.RetainLongitudinalModifiedDates)
        {
            codes.Add(("113107", "Retain Longitudinal Temporal Information Modified Dates Option"));
        }

        if (options.RetainPatientCharacteristics)
        {
            codes.Add(("113108", "Retain Patient Characteristics Option"));
        }

        if (options.RetainDeviceIdentity)
        {
            codes.Add(("113109", "Retain Device Identity Option"));
        }

        if (options.RetainInstitutionIdentity)
        {
            codes.Add(("113112", "Retain Institution Identity Option"));
        }

        return codes;
    }

    /// <summary>Writes (0012,0063) with the code meanings and (0012,0064) with one item per code.</summary>
    public static void Record(DicomDataset ds, IReadOnlyList<(string Code, string Meaning)> codes)
    {
        ds.SetString(DicomTags.DeidentificationMethod, DicomVR.LO, string.Join('\\', codes.Select(c => c.Meaning)));
        var items = new List<DicomDataset>();
        foreach (var (code, meaning) in codes)
        {
            var item = new DicomDataset(ds.IsBigEndian, ds);
            item.SetString(CodeValue, DicomVR.SH, code);
            item.SetString(CodingSchemeDesignator, DicomVR.SH, "DCM");
            item.SetString(CodeMeaning, DicomVR.LO, meaning);
            items.Add(item);
        }

        ds.Set(new DicomElement(DicomTags.DeidentificationMethodCodeSequence, DicomVR.SQ, ReadOnlyMemory<byte>.Empty) { Items = items });
    }
}
