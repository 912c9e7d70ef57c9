namespace MedicalImaging.Dicom.Tests;

/// <summary>Patient names in pydicom's character-set files decode exactly as pydicom decodes them.</summary>
public sealed class CharacterSetTests
{
    public static readonly TheoryData<string> Files = new()
    {
        "chrArab.dcm", "chrFren.dcm", "chrFrenMulti.dcm", "chrGerm.dcm", "chrGreek.dcm", "chrH31.dcm", "chrH32.dcm",
        "chrHbrw.dcm", "chrI2.dcm", "chrJapMulti.dcm", "chrJapMultiExplicitIR6.dcm", "chrKoreanMulti.dcm", "chrRuss.dcm",
        "chrX1.dcm", "chrX2.dcm",
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void GetString_PatientName_EqualsPydicom(string name)
    {
        var path = Path.Combine(PydicomSamples.CharsetFiles, name);
        var dir = Path.Combine(Path.GetTempPath(), "medimg-chr-" + Guid.NewGuid().ToString("N"));
        var record = Pydicom.Dump([path], dir)[path];
        var expected = record.GetProperty("patient_name").GetString();
        var file = DicomFile.Open(path);
        Assert.Equal(expected, file.Dataset.GetString(DicomTags.PatientName));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void GetString_SequenceItemWithOwnCharacterSet_UsesItsOwn()
    {
        var file = DicomFile.Open(Path.Combine(PydicomSamples.CharsetFiles, "chrSQEncoding.dcm"));
        var item = file.Dataset.Elements.First(e => e.IsSequence).Items![0];
        Assert.NotEqual(file.Dataset.CharacterSet.Terms, item.CharacterSet.Terms);
        Assert.DoesNotContain('\u001B', item.GetString(DicomTags.PatientName) ?? "");
    }
}
