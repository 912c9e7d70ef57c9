namespace MedicalImaging.Dicom.Tests;

/// <summary>The generated Table E.1-1, and every one of its attributes getting its action in a real dcmtk-made file.</summary>
public sealed class BasicProfileTableTests : IClassFixture<DeidTestFiles>
{
    private static readonly DicomTag OverlayRows = new(0x6000, 0x0010);
    private static readonly DicomTag OverlayData = new(0x6000, 0x3000);
    private static readonly DicomTag OverlayComments = new(0x6002, 0x4000);
    private static readonly DicomTag CurveDimensions = new(0x5000, 0x0005);
    private static readonly DicomTag AnatomicRegionSequence = new(0x0008, 0x2218);
    private static readonly DicomTag ReferencedImageSequence = new(0x0008, 0x1140);
    private static readonly DicomTag ReferencedSopInstanceUid = new(0x0008, 0x1155);
    private static readonly DicomTag CodeValue = new(0x0008, 0x0100);

    private readonly DeidTestFiles _files;

    public BasicProfileTableTests(DeidTestFiles files)
    {
        _files = files;
    }

    [Fact]
    public void BasicProfileTable_Generated_HoldsEveryRowWithAValidCode()
    {
        // 621 rows in the 2024b table: 617 single tags, 3 repeating groups (50xx, 60xx,3000, 60xx,4000), private.
        Assert.Equal(620, BasicProfileTable.Entries.Length);
        Assert.Equal(617, BasicProfile.Actions.Count);
        Assert.All(BasicProfileTable.Entries, e => BasicProfile.Resolve(e.Code));
        Assert.Equal("Z", Row(0x00100010).Code); // Patient's Name
        Assert.Equal("U", Row(0x0020000D).Code); // Study Instance UID
        Assert.Equal("X/Z/D", Row(0x00080080).Code); // Institution Name
        Assert.Equal("X/Z/U*", Row(0x00081140).Code); // Referenced Image Sequence
        Assert.Equal('C', Row(0x00081030).CleanDescriptors); // Study Description
        Assert.Equal('C', Row(0x00080020).RetainLongitudinalModifiedDates); // Study Date
        Assert.Equal('K', Row(0x00101010).RetainPatientCharacteristics); // Patient's Age
        Assert.Equal(DeidentificationAction.Empty, BasicProfile.Actions[0x00100010]);
        Assert.Equal(DeidentificationAction.Dummy, BasicProfile.Actions[0x00080080]);
        Assert.Equal("X", BasicProfile.Find(new DicomTag(0x5010, 0x3000))!.Code);
        Assert.Equal("Overlay Data", BasicProfile.Find(new DicomTag(0x601E, 0x3000))!.Name);
        Assert.Equal("Private Attributes", BasicProfile.Find(new DicomTag(0x6001, 0x3000))!.Name); // odd group: private, not overlay
        Assert.Null(BasicProfile.Find(new DicomTag(0x6000, 0x0010))); // overlay rows are not in the table
        Assert.Equal(88, BasicProfile.DateTimePartners.Count); // 44 date/time pairs, both ways
        Assert.Equal(0x00080030u, BasicProfile.DateTimePartners[0x00080020]); // Study Date → Study Time
        Assert.Equal(0x00181200u, BasicProfile.DateTimePartners[0x00181201]); // Time → Date of Last Calibration
        Assert.Contains(0x00101010u, BasicProfile.PatientCharacteristics);
    }

    [Fact]
    public void Deidentify_FileWithEveryTableAttribute_EachGetsItsAction()
    {
        var path = PlantedDicom.Create(_files.Folder, "all.dcm", wholeTable: true, "(0008,0060)=CT");
        var original = DicomFile.Open(path);
        var (output, _, _) = _files.Run(path, new DeidentificationOptions { Key = DeidTestFiles.Key });
        var planted = 0;
        var failures = new List<string>();
        foreach (var entry in BasicProfileTable.Entries.Where(e => e.Mask == 0xFFFFFFFF && e.Tag >> 16 is not (0x0000 or 0x0002)))
        {
            var tag = DicomTag.FromValue(entry.Tag);
            if (!original.Dataset.TryGetElement(tag, out var before))
            {
                continue;
            }

            planted++;
            var action = BasicProfile.Actions[entry.Tag];
            var present = output.Dataset.TryGetElement(tag, out var after);
            var error = action switch
            {
                DeidentificationAction.Remove => present ? "still present" : null,
                DeidentificationAction.Empty => !present ? "missing" : after.Items is { Count: > 0 } || after.Value.Length > 0 ? "not empty" : null,
                DeidentificationAction.Dummy => !present ? "missing"
                    : after.Items is not null ? (after.Items.Count == 0 ? null : "sequence kept its items")
                    : after.Value.Length == 0 ? "empty"
                    : original.Dataset.GetString(tag) is { Length: > 0 } old && output.Dataset.GetString(tag) == old ? "value kept" : null,
                DeidentificationAction.RemapUid => !present ? "missing" : RemapError(original.Dataset, output.Dataset, tag, after),
                _ => "unexpected action " + action,
            };
            if (error is not null)
            {
                failures.Add($"{tag} {entry.Name} ({entry.Code}): {error}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        // 614 rows can sit in a dataset; dcmtk cannot plant Data Set Trailing Padding: 613 are planted (the attributes
        // newer than dcmtk 3.6.7's dictionary as UN, some of them empty).
        Assert.True(planted >= 613, $"only {planted} table attributes were planted by dcmodify");
    }

    [Fact]
    public void Deidentify_PlantedFile_DcmdumpReadsOutputWithNoPlantedValueAndSamePixels()
    {
        var path = PlantedDicom.Create(_files.Folder, "dump.dcm", wholeTable: true, "(0008,0060)=CT");
        var (output, _, written) = _files.Run(path, new DeidentificationOptions { Key = DeidTestFiles.Key });
        var (exit, dump, stderr) = Tools.Run("dcmdump", "-q", "+L", written);
        Assert.True(exit == 0, stderr);
        Assert.DoesNotContain(PlantedDicom.Secret, dump, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(PlantedDicom.Name, dump, StringComparison.Ordinal);
        Assert.DoesNotContain(PlantedDicom.Uid, dump, StringComparison.Ordinal);
        Assert.DoesNotContain("20240315", dump, StringComparison.Ordinal);
        var before = DicomFile.Open(path).Dataset.GetElement(DicomTags.PixelData)!.Value.ToArray();
        Assert.Equal(before, output.Dataset.GetElement(DicomTags.PixelData)!.Value.ToArray());
        var decoder = new DicomPixelDecoder();
        Assert.Equal(decoder.DecodeFrame(DicomFile.Open(path), 0).Data, decoder.DecodeFrame(output, 0).Data);
    }

    [Fact]
    public void Deidentify_NestedPrivateOverlayAndCurve_ProfileAppliedInsideSequencesAndGroupsRemoved()
    {
        var path = PlantedDicom.Create(_files.Folder, "nested.dcm", wholeTable: false,
            "(0008,0060)=CT",
            "(0008,2218)[0].(0008,0100)=T-D3000",
            "(0008,2218)[0].(0010,0010)=DOE^JANE",
            "(0008,2218)[0].(0020,000D)=" + PlantedDicom.Uid,
            "(0008,2218)[0].(0008,0080)=SECRET HOSPITAL",
            "(0008,2218)[0].(0008,1140)[0].(0008,1155)=" + PlantedDicom.Uid,
            "(0008,2218)[0].(0008,1140)[0].(0010,0020)=SECRETID",
            "(0009,0010)=ACME",
            "(0009,1001)=SECRET PRIVATE",
            "(6000,0010)=16",
            "(6000,0011)=16",
            "(6000,3000)=0\\0",
            "(6002,4000)=SECRET OVERLAY",
            "(5000,0005)=1");
        var original = DicomFile.Open(path).Dataset;
        Assert.True(original.Contains(new DicomTag(0x0009, 0x1001)) && original.Contains(OverlayData) && original.Contains(CurveDimensions)
            && original.Contains(OverlayComments), "dcmodify did not plant the private/overlay/curve elements");
        var (output, _, written) = _files.Run(path, new DeidentificationOptions { Key = DeidTestFiles.Key });
        var ds = output.Dataset;
        Assert.DoesNotContain(ds.Elements, e => e.Tag.IsPrivate);
        Assert.False(ds.Contains(OverlayData));
        Assert.False(ds.Contains(OverlayComments));
        Assert.False(ds.Contains(CurveDimensions));
        Assert.True(ds.Contains(OverlayRows)); // not in the table: kept
        var item = Assert.Single(ds.GetSequence(AnatomicRegionSequence));
        Assert.Equal("T-D3000", item.GetString(CodeValue)); // not in the table: kept
        Assert.Equal("", item.GetString(DicomTags.PatientName));
        Assert.StartsWith("2.25.", item.GetString(DicomTags.StudyInstanceUid), StringComparison.Ordinal);
        Assert.Equal("ANONYMIZED", item.GetString(new DicomTag(0x0008, 0x0080)));
        var reference = Assert.Single(item.GetSequence(ReferencedImageSequence));
        Assert.Equal(item.GetString(DicomTags.StudyInstanceUid), reference.GetString(ReferencedSopInstanceUid)); // same UID, same mapping
        Assert.StartsWith("ANON", reference.GetString(DicomTags.PatientId), StringComparison.Ordinal);
        var (exit, dump, stderr) = Tools.Run("dcmdump", "-q", written);
        Assert.True(exit == 0, stderr);
        Assert.DoesNotContain("SECRET", dump, StringComparison.Ordinal);
        Assert.DoesNotContain("DOE", dump, StringComparison.Ordinal);
    }

    private static string? RemapError(DicomDataset before, DicomDataset after, DicomTag tag, DicomElement element)
    {
        if (element.Items is { } items)
        {
            var uids = items.Select(i => i.GetString(ReferencedSopInstanceUid)).ToList();
            return uids.Count == 0 ? "references lost"
                : uids.All(u => u is not null && u.StartsWith("2.25.", StringComparison.Ordinal)) ? null : "UID in the sequence not remapped";
        }

        var old = before.GetString(tag);
        var now = after.GetString(tag);
        return string.IsNullOrEmpty(old) ? null // planted as an empty UN by dcmtk 3.6.7 (attribute newer than its dictionary)
            : now is null || !now.StartsWith("2.25.", StringComparison.Ordinal) || now == old ? $"not remapped ({now})" : null;
    }

    private static BasicProfileEntry Row(uint tag) => BasicProfileTable.Entries.Single(e => e.Tag == tag && e.Mask == 0xFFFFFFFF);
}
