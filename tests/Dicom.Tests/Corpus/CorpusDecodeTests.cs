using System.Globalization;

namespace MedicalImaging.Dicom.Tests;

/// <summary>Every generated transfer syntax decodes to the native source (lossless) or within a stated error (lossy).</summary>
[Collection(CorpusCollection.Name)]
public sealed class CorpusDecodeTests(CorpusFixture corpus)
{
    private readonly DicomPixelDecoder _decoder = new();

    [Theory]
    [InlineData("implicit")]
    [InlineData("bigendian")]
    [InlineData("deflated")]
    [InlineData("rle")]
    [InlineData("gdcmrle")]
    [InlineData("jpegll1")]
    [InlineData("jpegll6")]
    [InlineData("jpegls")]
    [InlineData("gdcmjpegls")]
    [InlineData("j2k")]
    public void DecodeFrame_LosslessVariant_EqualsNativeSourceOnEveryFrame(string variant)
    {
        var entries = corpus.Entries.Where(e => e.Variant == variant).ToList();
        // One file per native source (8- to 16-bit, signed and unsigned, grey and RGB, planar): none may go missing.
        Assert.Equal(CorpusFixture.NativeSources, entries.Count);
        foreach (var entry in entries)
        {
            var file = DicomFile.Open(entry.Path);
            var source = DicomFile.Open(corpus.NativeOf(entry.Base));
            var info = PixelDataInfo.FromFile(file);
            Assert.Equal(PixelDataInfo.FromFile(source).Frames, info.Frames);
            for (var f = 0; f < info.Frames; f++)
            {
                var decoded = _decoder.DecodeFrame(file, f);
                var expected = _decoder.DecodeFrame(source, f);
                var (max, _) = FrameComparer.Difference(decoded, expected);
                Assert.True(max == 0, $"{Path.GetFileName(entry.Path)} frame {f} ({decoded.Codec}): max difference {max}");
            }
        }
    }

    [Theory]
    [InlineData("jpeg8", 10.0, 255, 2)]
    [InlineData("gdcmjpeg", 6.0, 255, 1)]
    [InlineData("jpeg12", 80.0, 4095, 1)]
    [InlineData("jpegls_near", 2.0, 2, 5)]
    [InlineData("j2k_lossy", 0.005, -1, 7)]
    public void DecodeFrame_LossyVariant_StaysWithinStatedError(string variant, double meanBound, long maxBound, int files)
    {
        // Bounds: JPEG DCT on noisy synthetic gradients (mean per sample, in stored units); JPEG-LS NEAR=2 is a hard
        // bound on every sample; lossy J2K mean is a fraction of the sample range.
        // files: what scripts/make-dicom-corpus.sh makes of the variant (dcmcjpls NEAR refuses the two signed sources).
        var entries = corpus.Entries.Where(e => e.Variant == variant).ToList();
        Assert.Equal(files, entries.Count);
        foreach (var entry in entries)
        {
            var file = DicomFile.Open(entry.Path);
            var source = DicomFile.Open(corpus.NativeOf(entry.Base));
            var info = PixelDataInfo.FromFile(source);
            var decoded = _decoder.DecodeFrame(file, 0);
            var expected = _decoder.DecodeFrame(source, 0);
            var (max, mean) = FrameComparer.Difference(decoded, expected);
            var bound = meanBound < 1 ? meanBound * ((1L << info.BitsStored) - 1) : meanBound;
            var message = string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(entry.Path)}: mean {mean:F2} (bound {bound:F2}), max {max}");
            Assert.True(mean <= bound, message);
            if (maxBound >= 0)
            {
                Assert.True(max <= maxBound, message);
            }

            Assert.Equal(info.SamplesPerPixel == 3 ? "RGB" : info.Photometric, decoded.Photometric);
        }
    }

    [Theory]
    [InlineData("jpeg8", "dcmdjpeg", 2)]
    [InlineData("jpeg12", "dcmdjpeg", 1)]
    [InlineData("jpegll6", "dcmdjpeg", 7)]
    [InlineData("jpegls_near", "dcmdjpls", 5)]
    [InlineData("rle", "dcmdrle", 7)]
    public void DecodeFrame_CompressedVariant_EqualsDcmtkDecompression(string variant, string tool, int files)
    {
        var covered = 0;
        foreach (var entry in corpus.Entries.Where(e => e.Variant == variant))
        {
            covered++;
            var output = entry.Path + "." + tool + ".dcm";
            var (exit, _, stderr) = Tools.Run(tool, entry.Path, output);
            Assert.True(exit == 0, stderr);
            var ours = DicomFile.Open(entry.Path);
            var theirs = DicomFile.Open(output);
            var frames = PixelDataInfo.FromFile(ours).Frames;
            for (var f = 0; f < frames; f++)
            {
                var a = _decoder.DecodeFrame(ours, f);
                var b = _decoder.DecodeFrame(theirs, f);
                var (max, mean) = FrameComparer.Difference(a, b);
                // Both sides use IJG-derived decoders; allow one level of IDCT rounding difference.
                Assert.True(max <= 1, string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(entry.Path)} frame {f}: max {max}, mean {mean:F3} vs {tool}"));
            }
        }

        Assert.Equal(files, covered);
    }

    [Fact]
    public void DecodeFrame_NativeCorpus_EqualsPydicomPixelArray()
    {
        var natives = corpus.Entries.Where(e => e.Kind == "native").ToList();
        Assert.Equal(CorpusFixture.NativeSources, natives.Count(e => e.Variant == "native"));
        var oracle = Pydicom.Dump(natives.Select(e => e.Path), Path.Combine(corpus.Directory, "pydicom-native"));
        foreach (var entry in natives)
        {
            var record = oracle[entry.Path];
            Assert.True(record.GetProperty("ok").GetBoolean(), record.ToString());
            var expected = File.ReadAllBytes(record.GetProperty("raw").GetString()!);
            var file = DicomFile.Open(entry.Path);
            var info = PixelDataInfo.FromFile(file);
            var all = new List<byte>();
            for (var f = 0; f < info.Frames; f++)
            {
                all.AddRange(_decoder.DecodeFrame(file, f).Data);
            }

            Assert.True(expected.AsSpan().SequenceEqual(all.ToArray()), $"{Path.GetFileName(entry.Path)} differs from pydicom ({record})");
        }
    }
}
