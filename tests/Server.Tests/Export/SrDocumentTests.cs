using MedicalImaging.Dicom;
using MedicalImaging.Server.Export.Sr;

namespace MedicalImaging.Server.Tests.Export;

/// <summary>The TID 1500 SR our writer makes passes dcmtk's dsrdump and dcmdump without a warning and reads back through our parser.</summary>
public sealed class SrDocumentTests
{
    [Theory]
    [InlineData(true, 1)]
    [InlineData(true, 5)]
    [InlineData(false, 1)]
    public void Write_Report_PassesDsrdumpAndDcmdumpWithoutWarnings(bool dicom, int frames)
    {
        var path = Path.Combine(Path.GetTempPath(), $"medimg-sr-{Guid.NewGuid():N}.dcm");
        try
        {
            File.WriteAllBytes(path, SrDocumentBuilder.Write(ExportSamples.Report(dicom, frames)));

            var sr = DcmtkTools.Run("dsrdump", "+Pl", "+Pu", "+Pt", path);
            var dump = DcmtkTools.Run("dcmdump", "-E", path);

            Assert.True(sr.ExitCode == 0 && sr.Stderr.Length == 0, $"dsrdump {sr.ExitCode}:\n{sr.Stderr}\n{sr.Stdout}");
            Assert.True(dump.ExitCode == 0 && dump.Stderr.Length == 0, $"dcmdump {dump.ExitCode}:\n{dump.Stderr}");
            Assert.Contains("Imaging Measurement Report", sr.Stdout);
            Assert.Contains("Device", sr.Stdout);
            Assert.Contains("NOT FOR DIAGNOSTIC USE", sr.Stdout);
            if (dicom)
            {
                Assert.Contains("SCOORD", sr.Stdout);
                Assert.Contains(ExportSamples.SopUid, sr.Stdout);
            }
            else
            {
                Assert.DoesNotContain("SCOORD", sr.Stdout);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Write_LocatedFinding_RoundTripsThroughOurReaderWithPixelPolylineAndSourceReference()
    {
        var report = ExportSamples.Report();
        var file = DicomFile.Parse(SrDocumentBuilder.Write(report));
        var ds = file.Dataset;

        Assert.Equal(SrDocumentBuilder.ComprehensiveSrSopClass, ds.GetFirstString(DicomTags.SopClassUid));
        Assert.StartsWith("2.25.", ds.GetFirstString(DicomTags.SopInstanceUid));
        Assert.Equal(ExportSamples.StudyUid, ds.GetFirstString(DicomTags.StudyInstanceUid));
        var content = ds.GetSequence(new DicomTag(0x0040, 0xA730));
        var measurements = content.Single(i => Concept(i) == "126010");
        var group = Assert.Single(measurements.GetSequence(new DicomTag(0x0040, 0xA730)));
        var scoord = group.GetSequence(new DicomTag(0x0040, 0xA730)).Single(i => i.GetFirstString(new DicomTag(0x0040, 0xA040)) == "SCOORD");
        var points = scoord.GetElement(new DicomTag(0x0070, 0x0022))!.Value.ToArray();
        var firstColumn = BitConverter.ToSingle(points, 0);
        var firstRow = BitConverter.ToSingle(points, 4);
        Assert.Equal(500f, firstColumn); // 0.25 × 2000 columns
        Assert.Equal(500f, firstRow); // 0.2 × 2500 rows
        var image = Assert.Single(scoord.GetSequence(new DicomTag(0x0040, 0xA730)));
        Assert.Equal("SELECTED FROM", image.GetFirstString(new DicomTag(0x0040, 0xA010)));
        Assert.Equal(ExportSamples.SopUid, image.GetSequence(new DicomTag(0x0008, 0x1199))[0].GetFirstString(new DicomTag(0x0008, 0x1155)));
        Assert.Equal(SrDocumentBuilder.Write(report), SrDocumentBuilder.Write(report)); // our UIDs are stable per report
    }

    private static string? Concept(DicomDataset item) =>
        item.GetSequence(new DicomTag(0x0040, 0xA043)) is [var code, ..] ? code.GetFirstString(new DicomTag(0x0008, 0x0100)) : null;
}
