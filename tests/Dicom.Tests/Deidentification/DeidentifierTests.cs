namespace MedicalImaging.Dicom.Tests;

/// <summary>PS3.15 basic profile on real files; dcmdump reads the output.</summary>
public sealed class DeidentifierTests
{
    [Theory]
    [InlineData("CT_small.dcm")]
    [InlineData("MR_small_implicit.dcm")]
    [InlineData("MR_small_bigendian.dcm")]
    [InlineData("nested_priv_SQ.dcm")]
    [InlineData("JPEG2000.dcm")]
    [InlineData("image_dfl.dcm")]
    public void Deidentify_RealFile_RemovesIdentityAndDcmdumpReadsOutput(string name)
    {
        var path = PydicomSamples.Path(name);
        var original = DicomFile.Open(path);
        var file = DicomFile.Open(path);
        new DicomDeidentifier().Deidentify(file);
        var output = Path.Combine(Path.GetTempPath(), "medimg-deid-" + Guid.NewGuid().ToString("N") + ".dcm");
        try
        {
            DicomWriter.Write(file, output);
            var (exit, dump, stderr) = Tools.Run("dcmdump", "-q", "-Un", output);
            Assert.True(exit == 0, stderr);
            var reread = DicomFile.Open(output);
            var ds = reread.Dataset;
            Assert.Equal("YES", ds.GetString(DicomTags.PatientIdentityRemoved));
            Assert.True(string.IsNullOrEmpty(ds.GetString(DicomTags.PatientName)));
            Assert.True(string.IsNullOrEmpty(ds.GetString(DicomTags.PatientId)));
            Assert.False(ds.Contains(DicomTags.InstitutionName));
            Assert.DoesNotContain(ds.Elements, e => e.Tag.IsPrivate);
            var oldUid = original.Dataset.GetFirstString(DicomTags.SopInstanceUid);
            var newUid = ds.GetFirstString(DicomTags.SopInstanceUid);
            if (oldUid is not null)
            {
                Assert.NotEqual(oldUid, newUid);
                Assert.StartsWith("2.25.", newUid, StringComparison.Ordinal);
                Assert.DoesNotContain(oldUid, dump, StringComparison.Ordinal);
                Assert.Equal(newUid, reread.Meta.GetFirstString(DicomTags.MediaStorageSopInstanceUid));
            }

            var patientName = original.Dataset.GetString(DicomTags.PatientName);
            if (!string.IsNullOrEmpty(patientName))
            {
                Assert.DoesNotContain(patientName, dump, StringComparison.Ordinal);
            }

            if (original.Dataset.Contains(DicomTags.Rows))
            {
                var decoder = new DicomPixelDecoder();
                Assert.Equal(decoder.DecodeFrame(original, 0).Data, decoder.DecodeFrame(reread, 0).Data);
            }
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public void Deidentify_SameUidTwice_MapsConsistently()
    {
        var a = DicomFile.Open(PydicomSamples.Path("CT_small.dcm"));
        var b = DicomFile.Open(PydicomSamples.Path("CT_small.dcm"));
        new DicomDeidentifier().Deidentify(a);
        new DicomDeidentifier().Deidentify(b);
        Assert.Equal(a.Dataset.GetString(DicomTags.StudyInstanceUid), b.Dataset.GetString(DicomTags.StudyInstanceUid));
        var other = DicomFile.Open(PydicomSamples.Path("CT_small.dcm"));
        new DicomDeidentifier(new DeidentificationOptions { UidSecret = [1, 2, 3] }).Deidentify(other);
        Assert.NotEqual(a.Dataset.GetString(DicomTags.StudyInstanceUid), other.Dataset.GetString(DicomTags.StudyInstanceUid));
    }
}
