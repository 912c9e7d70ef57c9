namespace MedicalImaging.Dicom.Tests;

/// <summary>Patient Identity Removed = YES only when burned-in text is ruled out; the method codes only then.</summary>
public sealed class PatientIdentityRemovedTests : IClassFixture<DeidTestFiles>
{
    private readonly DeidTestFiles _files;

    public PatientIdentityRemovedTests(DeidTestFiles files)
    {
        _files = files;
    }

    [Theory]
    [InlineData("CT", "NO", false, true)]
    [InlineData("MR", "NO", false, true)]
    [InlineData("US", "NO", false, false)]
    [InlineData("SC", "NO", false, false)]
    [InlineData("XA", "NO", false, false)]
    [InlineData("CT", "YES", false, false)]
    [InlineData("CT", null, false, false)]
    [InlineData("US", "YES", true, true)]
    [InlineData("OT", null, true, true)]
    public void Deidentify_BurnedInFlagModalityAndCheck_SetsPatientIdentityRemovedOnlyWhenTextRuledOut(string modality, string? burnedIn, bool checkedText, bool removed)
    {
        var assignments = new List<string> { "(0008,0060)=" + modality };
        if (burnedIn is not null)
        {
            assignments.Add("(0028,0301)=" + burnedIn);
        }

        var path = PlantedDicom.Create(_files.Folder, $"pir-{modality}-{burnedIn}-{checkedText}.dcm", false, [.. assignments]);
        var (output, result, written) = _files.Run(path, new DeidentificationOptions { Key = DeidTestFiles.Key, BurnedInTextChecked = checkedText });
        Assert.Equal(removed, result.PatientIdentityRemoved);
        Assert.Equal(removed ? "YES" : "NO", output.Dataset.GetString(DicomTags.PatientIdentityRemoved));
        Assert.Equal(removed, output.Dataset.Contains(DicomTags.DeidentificationMethodCodeSequence));
        Assert.Equal(removed, output.Dataset.Contains(DicomTags.DeidentificationMethod));
        if (removed)
        {
            Assert.Null(result.NotRemovedReason);
        }
        else
        {
            Assert.Contains("burned-in text", result.NotRemovedReason!.Replace("Burned In Annotation", "burned-in text", StringComparison.Ordinal), StringComparison.Ordinal);
        }

        var (exit, dump, stderr) = Tools.Run("dcmdump", "-q", written);
        Assert.True(exit == 0, stderr);
        Assert.Equal(removed, dump.Contains("[113100]", StringComparison.Ordinal));
    }

    [Fact]
    public void Deidentify_OptionsInForce_RecordedAsMethodCodes()
    {
        var path = PlantedDicom.Create(_files.Folder, "codes.dcm", false, "(0008,0060)=CT", "(0028,0301)=NO");
        var (output, _, written) = _files.Run(path, new DeidentificationOptions
        {
            Key = DeidTestFiles.Key,
            RetainLongitudinalModifiedDates = true,
            CleanDescriptors = true,
            RetainPatientCharacteristics = true,
        });
        var codes = output.Dataset.GetSequence(DicomTags.DeidentificationMethodCodeSequence)
            .Select(i => (i.GetString(new DicomTag(0x0008, 0x0100)), i.GetString(new DicomTag(0x0008, 0x0102)))).ToList();
        Assert.Equal([("113100", "DCM"), ("113105", "DCM"), ("113107", "DCM"), ("113108", "DCM")], codes);
        Assert.Contains("Clean Descriptors Option", output.Dataset.GetStrings(DicomTags.DeidentificationMethod));
        var (_, dump, _) = Tools.Run("dcmdump", "-q", written);
        Assert.Contains("[113107]", dump, StringComparison.Ordinal);
    }
}
