namespace MedicalImaging.Dicom.Tests;

/// <summary>DecodeFrames (frame-parallel for compressed multi-frame) gives what DecodeFrame gives, frame by frame.</summary>
[Collection(CorpusCollection.Name)]
public sealed class DecodeFramesTests(CorpusFixture corpus)
{
    [Theory]
    [InlineData("jpegll1", 4)]
    [InlineData("jpegls", 4)]
    [InlineData("rle", 4)]
    [InlineData("jpeg8", 1)]
    [InlineData("implicit", 4)]
    [InlineData("j2k", 4)] // OpenJPEG: frame-parallel, each frame on its own thread
    [InlineData("jpeg12", 1)]
    public void DecodeFrames_MultiFrameVariant_EqualsFrameByFrameDecoding(string variant, int files)
    {
        var decoder = new DicomPixelDecoder { MaxDegreeOfParallelism = 4 };
        var multi = corpus.Entries.Where(e => e.Variant == variant).Select(e => DicomFile.Open(e.Path))
            .Where(f => PixelDataInfo.FromFile(f).Frames > 1).ToList();
        // files: the variant's multi-frame sources (m12u, m12s, m16s, rgb8 where the script encodes all of them).
        Assert.Equal(files, multi.Count);
        foreach (var file in multi)
        {
            var frames = decoder.DecodeFrames(file);
            Assert.Equal(PixelDataInfo.FromFile(file).Frames, frames.Length);
            for (var f = 0; f < frames.Length; f++)
            {
                Assert.Equal(f, frames[f].FrameIndex);
                Assert.Equal(decoder.DecodeFrame(file, f).Data, frames[f].Data);
            }
        }
    }

    [Fact]
    public void DecodeFrames_CorruptFrameInParallel_ThrowsTheFormatExceptionItself()
    {
        var entry = corpus.Entries.First(e => e.Variant == "jpegls" && PixelDataInfo.FromFile(DicomFile.Open(e.Path)).Frames > 1);
        var bytes = File.ReadAllBytes(entry.Path);
        var file = DicomFile.Parse(bytes);
        var fragment = file.Dataset.GetElement(DicomTags.PixelData)!.Fragments!.Fragments[^1];

        // Overwrite the last frame's codestream after its SOI with junk (the parsed fragments are slices of bytes).
        var start = fragment.Data.Span[0] == 0xFF ? 2 : 0;
        var offset = bytes.AsSpan().IndexOf(fragment.Data.Span);
        bytes.AsSpan(offset + start, Math.Min(64, fragment.Data.Length - start)).Fill(0xFF);

        Assert.Throws<DicomFormatException>(() => new DicomPixelDecoder { MaxDegreeOfParallelism = 2 }.DecodeFrames(file));
    }
}
