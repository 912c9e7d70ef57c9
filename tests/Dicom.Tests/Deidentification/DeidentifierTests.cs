namespace MedicalImaging.Dicom.Tests;

/// <summary>PS3.15 basic profile on real files; dcmdump reads the output.</summary>
public sealed class DeidentifierTests : IClassFixture<DeidTestFiles>
{
    private static readonly DicomTag ReferencedImageSequence = new(0x0008, 0x1140);
    private static readonly DicomTag ReferencedSopInstanceUid = new(0x0008, 0x1155);

    private readonly DeidTestFiles _files;

    public DeidentifierTests(DeidTestFiles files)
    {
        _files = files;
    }

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
        var result = new DicomDeidentifier(new DeidentificationOptions { Key = DeidTestFiles.Key }).Deidentify(file);
        var output = Path.Combine(Path.GetTempPath(), "medimg-deid-" + Guid.NewGuid().ToString("N") + ".dcm");
        try
        {
            DicomWriter.Write(file, output);
            var (exit, dump, stderr) = Tools.Run("dcmdump", "-q", "-Un", output);
            Assert.True(exit == 0, stderr);
            var reread = DicomFile.Open(output);
            var ds = reread.Dataset;
            // None of these samples says Burned In Annotation = NO: identity removal cannot be claimed.
            Assert.False(result.PatientIdentityRemoved);
            Assert.Equal("NO", ds.GetString(DicomTags.PatientIdentityRemoved));
            Assert.False(ds.Contains(DicomTags.DeidentificationMethodCodeSequence));
            Assert.True(string.IsNullOrEmpty(ds.GetString(DicomTags.PatientName)));
            if (original.Dataset.Contains(DicomTags.PatientId))
            {
                Assert.StartsWith("ANON", ds.GetString(DicomTags.PatientId), StringComparison.Ordinal); // Z/D: a keyed pseudonym
            }
            var institution = original.Dataset.GetString(DicomTags.InstitutionName);
            Assert.True(string.IsNullOrEmpty(institution) || ds.GetString(DicomTags.InstitutionName) == "ANONYMIZED");
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
    public void Deidentify_SameKeyAcrossFiles_SameUidMapsToSameNewUidAndReferencesStayLinked()
    {
        const string study = "1.2.826.0.1.3680043.99.7";
        const string first = "1.2.826.0.1.3680043.99.7.1";
        var a = PlantedDicom.Create(_files.Folder, "uid-a.dcm", wholeTable: false, "(0020,000D)=" + study, "(0008,0018)=" + first);
        var b = PlantedDicom.Create(_files.Folder, "uid-b.dcm", wholeTable: false, "(0020,000D)=" + study, "(0008,0018)=" + first + ".2",
            "(0008,1140)[0].(0008,1155)=" + first);
        var options = new DeidentificationOptions { Key = DeidTestFiles.Key };
        var (outA, _, _) = _files.Run(a, options);
        var (outB, _, _) = _files.Run(b, options); // a second deidentifier: nothing shared but the key
        var newStudy = outA.Dataset.GetString(DicomTags.StudyInstanceUid);
        Assert.StartsWith("2.25.", newStudy, StringComparison.Ordinal);
        Assert.Equal(newStudy, outB.Dataset.GetString(DicomTags.StudyInstanceUid));
        Assert.NotEqual(outA.Dataset.GetString(DicomTags.SopInstanceUid), outB.Dataset.GetString(DicomTags.SopInstanceUid));
        var reference = Assert.Single(outB.Dataset.GetSequence(ReferencedImageSequence));
        Assert.Equal(outA.Dataset.GetString(DicomTags.SopInstanceUid), reference.GetString(ReferencedSopInstanceUid));
        Assert.Equal(outA.Dataset.GetString(DicomTags.SopInstanceUid), outA.Meta.GetString(new DicomTag(0x0002, 0x0003)));
        Assert.True(System.Numerics.BigInteger.Parse(newStudy!["2.25.".Length..], System.Globalization.CultureInfo.InvariantCulture) < System.Numerics.BigInteger.Pow(2, 128));

        var (outOther, _, _) = _files.Run(a, new DeidentificationOptions { Key = "a-different-key-0123456789"u8.ToArray() });
        Assert.NotEqual(newStudy, outOther.Dataset.GetString(DicomTags.StudyInstanceUid));
    }

    [Fact]
    public void Deidentify_PatientId_SameKeySamePseudonymDifferentPatientDifferent()
    {
        var options = new DeidentificationOptions { Key = DeidTestFiles.Key };
        var one = _files.Run(PlantedDicom.Create(_files.Folder, "pid-1.dcm", false, "(0010,0020)=MRN-4471"), options).Output;
        var again = _files.Run(PlantedDicom.Create(_files.Folder, "pid-2.dcm", false, "(0010,0020)=MRN-4471"), options).Output;
        var other = _files.Run(PlantedDicom.Create(_files.Folder, "pid-3.dcm", false, "(0010,0020)=MRN-4472"), options).Output;
        var pseudonym = one.Dataset.GetString(DicomTags.PatientId);
        Assert.Matches("^ANON[0-9A-F]{16}$", pseudonym);
        Assert.Equal(pseudonym, again.Dataset.GetString(DicomTags.PatientId));
        Assert.NotEqual(pseudonym, other.Dataset.GetString(DicomTags.PatientId));
    }

    [Fact]
    public void DicomDeidentifier_ShortKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => new DicomDeidentifier(new DeidentificationOptions { Key = [1, 2, 3] }));
    }
}
