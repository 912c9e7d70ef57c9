namespace MedicalImaging.Dicom.Tests;

/// <summary>8-bit JPEG through OpenCV (libjpeg-turbo): colour order, colour transform by header and markers, routing.</summary>
[Collection(CorpusCollection.Name)]
public sealed class JpegBaselineTests(CorpusFixture corpus)
{
    private readonly DicomPixelDecoder _decoder = new();

    [Theory]
    [InlineData("SC_rgb_jpeg_dcmtk.dcm")] // YBR_FULL, JFIF: libjpeg converts
    [InlineData("SC_rgb_dcmtk_+eb+cy+s2.dcm")] // YBR_FULL_422 with 4:2:2 chroma
    [InlineData("SC_rgb_dcmtk_+eb+cy+n1.dcm")] // 4:2:0 chroma
    [InlineData("SC_rgb_dcmtk_+eb+cr.dcm")] // RGB with Adobe transform 0 and ids R,G,B: no transform
    public void DecodeFrame_ColourBars_ComeOutRedGreenBlueInThatOrder(string name)
    {
        var frame = _decoder.DecodeFrame(DicomFile.Open(PydicomSamples.Path(name)), 0);
        Assert.Equal("opencv-jpeg", frame.Codec);
        Assert.Equal("RGB", frame.Photometric);
        var columns = frame.Info.Columns;
        byte[] Pixel(int row) => frame.Data.AsSpan((row * columns + columns / 2) * 3, 3).ToArray();

        // The samples are horizontal bars: red, green, blue from the top (20 rows each at 100 rows).
        AssertNear([255, 0, 0], Pixel(2), name);
        AssertNear([0, 255, 0], Pixel(22), name);
        AssertNear([0, 0, 255], Pixel(42), name);
    }

    [Theory]
    [InlineData("SC_jpeg_no_color_transform.dcm")] // RGB header, no markers, ids 0,1,2 (libjpeg alone would guess YCbCr)
    [InlineData("SC_jpeg_no_color_transform_2.dcm")] // RGB header, Adobe transform 0
    public void DecodeFrame_RgbHeaderWithoutColourTransform_EqualsPydicomExactly(string name)
    {
        var path = PydicomSamples.Path(name);
        var dir = Path.Combine(Path.GetTempPath(), "medimg-pyd-" + Guid.NewGuid().ToString("N"));
        try
        {
            var record = Pydicom.Dump([path], dir)[path];
            Assert.True(record.GetProperty("ok").GetBoolean(), record.ToString());
            var expected = File.ReadAllBytes(record.GetProperty("raw").GetString()!);
            var frame = _decoder.DecodeFrame(DicomFile.Open(path), 0);
            Assert.Equal("opencv-jpeg", frame.Codec);
            Assert.Equal(expected, frame.Data);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, true);
            }
        }
    }

    [Fact]
    public void DecodeFrame_TwelveBitJpeg_StaysOnGdcm()
    {
        var entry = corpus.Entries.First(e => e.Variant == "jpeg12");
        var frame = _decoder.DecodeFrame(DicomFile.Open(entry.Path), 0);
        Assert.Equal("gdcm", frame.Codec);
    }

    [Theory]
    [InlineData("jpeg8")]
    [InlineData("gdcmjpeg")]
    public void DecodeFrame_EightBitCorpus_GoesThroughOpenCvAndMatchesGdcmWithinOneLevel(string variant)
    {
        var gdcm = new DicomPixelDecoder([new GdcmCodec()]);
        Assert.True(GdcmCodec.IsAvailable);
        foreach (var entry in corpus.Entries.Where(e => e.Variant == variant))
        {
            var file = DicomFile.Open(entry.Path);
            for (var f = 0; f < PixelDataInfo.FromFile(file).Frames; f++)
            {
                var ours = _decoder.DecodeFrame(file, f);
                Assert.Equal("opencv-jpeg", ours.Codec);
                var (max, _) = FrameComparer.Difference(ours, gdcm.DecodeFrame(file, f));
                Assert.True(max <= 1, $"{Path.GetFileName(entry.Path)} frame {f}: max {max} against GDCM");
            }
        }
    }

    [Fact]
    public void WithRgbComponentIds_YcbcrLookingStream_IsSeenAsRgbAndKeepsItsLength()
    {
        var file = DicomFile.Open(PydicomSamples.Path("SC_rgb_jpeg_dcmtk.dcm"));
        var stream = file.Dataset.GetElement(DicomTags.PixelData)!.Fragments!.Fragments[0].Data.Span;
        Assert.True(JpegStreamHeader.TryRead(stream, out var before));
        Assert.True(before.HasJfif);
        Assert.False(before.LibjpegSeesRgb);

        var patched = JpegStreamHeader.WithRgbComponentIds(stream);
        Assert.Equal(stream.Length, patched.Length);
        Assert.True(JpegStreamHeader.TryRead(patched, out var after));
        Assert.True(after.LibjpegSeesRgb);
        Assert.Equal(before with { HasJfif = false, HasRgbComponentIds = true }, after);
    }

    [Theory]
    [InlineData("SC_rgb_jpeg_dcmtk.dcm")] // YCbCr, decoded as is
    [InlineData("SC_jpeg_no_color_transform.dcm")] // RGB header: the patched-copy path
    public void DecodeFrame_CorruptedCodestream_ThrowsFormatExceptionNamingPixelDataOrDecodesAWholeFrame(string name)
    {
        CodestreamCorruption.AssertFormatErrorOrWholeFrame(File.ReadAllBytes(PydicomSamples.Path(name)), cutPoints: 60, new Random(7));
    }

    private static void AssertNear(byte[] expected, byte[] actual, string name)
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 8, $"{name}: expected ~[{string.Join(',', expected)}], got [{string.Join(',', actual)}]");
        }
    }
}
