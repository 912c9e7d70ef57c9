namespace MedicalImaging.Dicom.Tests;

/// <summary>Header facts of every generated file agree with dcmdump, and the writer's output is read back identically by dcmtk and us.</summary>
[Collection(CorpusCollection.Name)]
public sealed class CorpusParseTests(CorpusFixture corpus)
{
    [Fact]
    public void Parse_EveryCorpusFile_TransferSyntaxAndDimensionsMatchDcmdump()
    {
        var covered = 0;
        foreach (var entry in corpus.Entries)
        {
            covered++;
            var file = DicomFile.Open(entry.Path);
            var (exit, dump, stderr) = Tools.Run("dcmdump", "-q", "-Un", "+P", "0002,0010", "+P", "0028,0010", "+P", "0028,0011", entry.Path);
            Assert.True(exit == 0, stderr);
            Assert.Contains($"[{file.TransferSyntax.Uid}]", dump, StringComparison.Ordinal);
            var info = PixelDataInfo.FromFile(file);
            Assert.Contains($"US {info.Rows} ", dump, StringComparison.Ordinal);
            Assert.Contains($"US {info.Columns} ", dump, StringComparison.Ordinal);
        }

        Assert.InRange(covered, CorpusFixture.MinimumEntries, int.MaxValue);
    }

    [Fact]
    public void Write_EveryCorpusFile_DcmdumpReadsItAndPixelsSurvive()
    {
        var decoder = new DicomPixelDecoder();
        var covered = 0;
        foreach (var entry in corpus.Entries)
        {
            covered++;
            var file = DicomFile.Open(entry.Path);
            var output = entry.Path + ".rewritten.dcm";
            DicomWriter.Write(file, output);
            var (exit, _, stderr) = Tools.Run("dcmdump", "-q", output);
            Assert.True(exit == 0 && !stderr.Contains("E:", StringComparison.Ordinal), $"{Path.GetFileName(output)}: {stderr}");
            var reread = DicomFile.Open(output);
            Assert.Equal(file.TransferSyntax.Uid, reread.TransferSyntax.Uid);
            Assert.Equal(decoder.DecodeFrame(file, 0).Data, decoder.DecodeFrame(reread, 0).Data);
        }

        Assert.InRange(covered, CorpusFixture.MinimumEntries, int.MaxValue);
    }
}
