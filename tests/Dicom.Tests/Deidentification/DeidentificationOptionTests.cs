namespace MedicalImaging.Dicom.Tests;

/// <summary>PS3.15 options on real dcmtk-made files: modified dates, clean descriptors, retained characteristics.</summary>
public sealed class DeidentificationOptionTests : IClassFixture<DeidTestFiles>
{
    private static readonly DicomTag StudyDate = new(0x0008, 0x0020);
    private static readonly DicomTag StudyTime = new(0x0008, 0x0030);
    private static readonly DicomTag SeriesDate = new(0x0008, 0x0021);
    private static readonly DicomTag AcquisitionDateTime = new(0x0008, 0x002A);
    private static readonly DicomTag BirthDate = new(0x0010, 0x0030);
    private static readonly DicomTag StudyDescription = new(0x0008, 0x1030);
    private static readonly DicomTag SeriesDescription = new(0x0008, 0x103E);
    private static readonly DicomTag ImageComments = new(0x0020, 0x4000);
    private static readonly DicomTag PatientSex = new(0x0010, 0x0040);
    private static readonly DicomTag PatientAge = new(0x0010, 0x1010);
    private static readonly DicomTag PatientWeight = new(0x0010, 0x1030);
    private static readonly DicomTag DeviceSerialNumber = new(0x0018, 0x1000);
    private static readonly DicomTag InstitutionName = new(0x0008, 0x0080);
    private static readonly DicomTag LongitudinalTemporalInformationModified = new(0x0028, 0x0303);

    private readonly DeidTestFiles _files;

    public DeidentificationOptionTests(DeidTestFiles files)
    {
        _files = files;
    }

    [Fact]
    public void Deidentify_ModifiedDates_SameOffsetWithinPatientPairsMoveAsOneInstant()
    {
        var options = new DeidentificationOptions { Key = DeidTestFiles.Key, RetainLongitudinalModifiedDates = true };
        string Planted(string name, string patient, string date) => PlantedDicom.Create(_files.Folder, name, false,
            "(0010,0020)=" + patient, "(0008,0020)=" + date, "(0008,0030)=101500.25", "(0008,0021)=" + date,
            "(0008,002A)=" + date + "101500.123+0100", "(0018,1072)=093000", "(0010,0030)=19310502",
            "(0008,2218)[0].(0008,0022)=" + date);
        var (first, r1, _) = _files.Run(Planted("d1.dcm", "PAT-1", "20240315"), options);
        var (second, r2, _) = _files.Run(Planted("d2.dcm", "PAT-1", "20240401"), options);
        var (other, r3, _) = _files.Run(Planted("d3.dcm", "PAT-2", "20240315"), options);

        Assert.Equal(r1.DateOffset, r2.DateOffset);
        Assert.NotEqual(r1.DateOffset, r3.DateOffset);
        var weeks = TimeSpan.FromDays(Math.Floor(r1.DateOffset.TotalDays));
        var seconds = r1.DateOffset - weeks;
        Assert.InRange(weeks.TotalDays, -7 * 520, -7);
        Assert.Equal(0, weeks.TotalDays % 7);
        Assert.InRange(seconds.TotalSeconds, 0, 86399);

        // Study Date + Study Time: one instant, moved by the whole offset (the time may carry into the next day).
        var study = new DateTime(2024, 3, 15, 10, 15, 0, 250) + r1.DateOffset;
        Assert.Equal(study.ToString("yyyyMMdd", Inv), first.Dataset.GetString(StudyDate));
        Assert.Equal(study.ToString("HHmmss.ff", Inv), first.Dataset.GetString(StudyTime));
        var acquisition = new DateTime(2024, 3, 15, 10, 15, 0, 123) + r1.DateOffset;
        Assert.Equal(acquisition.ToString("yyyyMMddHHmmss.fff", Inv) + "+0100", first.Dataset.GetString(AcquisitionDateTime));
        // A date alone moves by the weeks, a time alone by the seconds.
        Assert.Equal(new DateOnly(2024, 3, 15).AddDays((int)weeks.TotalDays).ToString("yyyyMMdd", Inv), first.Dataset.GetString(SeriesDate));
        Assert.Equal(first.Dataset.GetString(SeriesDate),
            Assert.Single(first.Dataset.GetSequence(new DicomTag(0x0008, 0x2218))).GetString(new DicomTag(0x0008, 0x0022)));
        var startTime = TimeSpan.FromTicks((new TimeSpan(9, 30, 0) + seconds).Ticks % TimeSpan.TicksPerDay);
        Assert.Equal(startTime.ToString("hhmmss", Inv), first.Dataset.GetString(new DicomTag(0x0018, 0x1072)));
        // The interval between the patient's two studies survives exactly.
        Assert.Equal(17, Date(second.Dataset.GetString(SeriesDate)).DayNumber - Date(first.Dataset.GetString(SeriesDate)).DayNumber);
        Assert.Equal(TimeSpan.FromDays(17), Instant(second) - Instant(first));
        Assert.Equal("", first.Dataset.GetString(BirthDate)); // no option column: Z
        Assert.NotEqual(first.Dataset.GetString(SeriesDate), other.Dataset.GetString(SeriesDate));
        Assert.Equal("MODIFIED", first.Dataset.GetString(LongitudinalTemporalInformationModified));
    }

    [Fact]
    public void Deidentify_WithoutDateOption_DatesEmptiedOrRemovedAndMarkedRemoved()
    {
        var path = PlantedDicom.Create(_files.Folder, "nodates.dcm", false, "(0008,0020)=20240315", "(0008,0021)=20240315", "(0008,0030)=101500");
        var (output, result, _) = _files.Run(path, new DeidentificationOptions { Key = DeidTestFiles.Key });
        Assert.Equal(TimeSpan.Zero, result.DateOffset);
        Assert.Equal("", output.Dataset.GetString(StudyDate)); // Z
        Assert.Equal("19000101", output.Dataset.GetString(SeriesDate)); // X/D → dummy
        Assert.Equal("", output.Dataset.GetString(StudyTime));
        Assert.Equal("REMOVED", output.Dataset.GetString(LongitudinalTemporalInformationModified));
    }

    [Fact]
    public void Deidentify_CleanDescriptors_KeepsRadiologyTermsRemovesNamesAndUnknownWords()
    {
        var path = PlantedDicom.Create(_files.Folder, "desc.dcm", false,
            "(0010,0010)=HEAD^BRAIN",
            "(0008,1030)=CT CHEST W/O CONTRAST",
            "(0008,103E)=JANE DOE FOLLOW UP",
            "(0020,4000)=AXIAL 2.5MM T2 FLAIR BRAIN",
            "(0018,1030)=AXIAL 2.5MM T2 FLAIR");
        var clean = _files.Run(path, new DeidentificationOptions { Key = DeidTestFiles.Key, CleanDescriptors = true }).Output.Dataset;
        Assert.Equal("CT CHEST W/O CONTRAST", clean.GetString(StudyDescription));
        Assert.False(clean.Contains(SeriesDescription)); // a name in it: the Basic Profile's X
        Assert.False(clean.Contains(ImageComments)); // "BRAIN" is the patient's given name here: refused
        Assert.Equal("AXIAL 2.5MM T2 FLAIR", clean.GetString(new DicomTag(0x0018, 0x1030))); // Protocol Name (X/D, C)
        var basic = _files.Run(path, new DeidentificationOptions { Key = DeidTestFiles.Key }).Output.Dataset;
        Assert.False(basic.Contains(StudyDescription));
    }

    [Fact]
    public void Deidentify_RetainPatientCharacteristics_KeepsSexAgeWeightOnlyWithTheOption()
    {
        var path = PlantedDicom.Create(_files.Folder, "chars.dcm", false, "(0010,0040)=F", "(0010,1010)=093Y", "(0010,1030)=61.5");
        var kept = _files.Run(path, new DeidentificationOptions { Key = DeidTestFiles.Key, RetainPatientCharacteristics = true }).Output.Dataset;
        Assert.Equal("F", kept.GetString(PatientSex));
        Assert.Equal("093Y", kept.GetString(PatientAge));
        Assert.Equal("61.5", kept.GetString(PatientWeight));
        var basic = _files.Run(path, new DeidentificationOptions { Key = DeidTestFiles.Key }).Output.Dataset;
        Assert.Equal("", basic.GetString(PatientSex));
        Assert.False(basic.Contains(PatientAge));
        Assert.False(basic.Contains(PatientWeight));
    }

    [Fact]
    public void Deidentify_RetainDeviceAndInstitutionIdentity_KeepsThemOnlyWithTheOptions()
    {
        var path = PlantedDicom.Create(_files.Folder, "device.dcm", false, "(0018,1000)=SN-88121", "(0008,0080)=ST MARY HOSPITAL");
        var kept = _files.Run(path, new DeidentificationOptions { Key = DeidTestFiles.Key, RetainDeviceIdentity = true, RetainInstitutionIdentity = true }).Output.Dataset;
        Assert.Equal("SN-88121", kept.GetString(DeviceSerialNumber));
        Assert.Equal("ST MARY HOSPITAL", kept.GetString(InstitutionName));
        var basic = _files.Run(path, new DeidentificationOptions { Key = DeidTestFiles.Key }).Output.Dataset;
        Assert.Equal("ANONYMIZED", basic.GetString(DeviceSerialNumber));
        Assert.Equal("ANONYMIZED", basic.GetString(InstitutionName));
    }

    private static readonly System.Globalization.CultureInfo Inv = System.Globalization.CultureInfo.InvariantCulture;

    private static DateTime Instant(DicomFile file) => DateTime.ParseExact(
        file.Dataset.GetString(StudyDate) + file.Dataset.GetString(StudyTime), "yyyyMMddHHmmss.ff", Inv);

    private static DateOnly Date(string? value) =>
        DateOnly.ParseExact(value!, "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
}
