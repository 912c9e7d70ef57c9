using System.Buffers.Binary;

namespace MedicalImaging.Dicom.Tests;

/// <summary>
/// Our JPEG-LS decoder against CharLS 2.4 (apt libcharls2): the corpus files dcmtk and GDCM wrote, and codestreams
/// CharLS's encoder writes over the parameter space (precision, components, NEAR, interleave, preset thresholds).
/// </summary>
[Collection(CorpusCollection.Name)]
public sealed class JpegLsTests(CorpusFixture corpus)
{
    private readonly DicomPixelDecoder _ours = new([new JpegLsCodec()]);
    private readonly DicomPixelDecoder _charls = new([new CharLsCodec()]);

    [Fact]
    public void Decode_EveryCorpusJpegLsFrame_EqualsCharLs()
    {
        var entries = corpus.Entries.Where(e => e.Kind == "jpeg-ls").ToList();
        Assert.True(entries.Count >= 15, $"only {entries.Count} JPEG-LS files were generated");
        var ours = 0;
        foreach (var entry in entries)
        {
            var file = DicomFile.Open(entry.Path);
            var info = PixelDataInfo.FromFile(file);
            for (var f = 0; f < info.Frames; f++)
            {
                var expected = _charls.DecodeFrame(file, f);
                var decoded = JpegLsDecoder.Declines(FirstFragment(file.Dataset)) is null ? _ours.DecodeFrame(file, f) : expected;
                Assert.True(expected.Data.AsSpan().SequenceEqual(decoded.Data), $"{Path.GetFileName(entry.Path)} frame {f} differs from CharLS");
                ours += decoded.Codec == "jpeg-ls" ? 1 : 0;
            }
        }

        // Every corpus codestream is ours, GDCM's sample-interleaved colour (ILV 2) included.
        Assert.All(entries, e => Assert.Null(JpegLsDecoder.Declines(FirstFragment(e.Path))));
        Assert.True(ours >= entries.Count, $"ours decoded {ours} frames of {entries.Count} files");
    }

    [Fact]
    public void DefaultCodecs_PickOurs_AndCharLsForWhatOursLeavesOut()
    {
        var sample = DicomFile.Open(corpus.Entries.Single(e => e.Base == "rgb8" && e.Variant == "gdcmjpegls").Path);
        Assert.Equal("jpeg-ls", new DicomPixelDecoder().DecodeFrame(sample, 0).Codec);

        // A restart interval (DRI) is left to CharLS; without CharLS (nor GDCM, whose CharLS copy would step in) the
        // error names the package.
        var codestream = CharLsEncoder.Encode(SyntheticImage(16, 8, 1, 8, seed: 2), 16, 8, 8, 1, 0, 0);
        var withRestarts = codestream[..2].Concat(new byte[] { 0xFF, 0xDD, 0x00, 0x04, 0x00, 0x02 }).Concat(codestream[2..]).ToArray();
        Assert.Equal("restart intervals (DRI)", JpegLsDecoder.Declines(withRestarts));
        var info = Info(16, 8, 1, 8);
        Assert.False(new JpegLsCodec().CanDecodeFrame(withRestarts, info));
        Assert.True(new JpegLsCodec().CanDecodeFrame(codestream, info));
    }

    [Theory]
    [InlineData(8, 1, 0, 0)]
    [InlineData(16, 1, 0, 0)]
    [InlineData(12, 1, 0, 0)]
    [InlineData(2, 1, 0, 0)]
    [InlineData(5, 1, 0, 0)]
    [InlineData(10, 1, 3, 0)]
    [InlineData(16, 1, 7, 0)]
    [InlineData(8, 1, 1, 0)]
    [InlineData(8, 3, 0, 1)]
    [InlineData(8, 3, 2, 1)]
    [InlineData(12, 3, 0, 0)]
    [InlineData(16, 4, 0, 1)]
    [InlineData(8, 4, 5, 0)]
    [InlineData(8, 3, 0, 2)]
    [InlineData(8, 3, 3, 2)]
    [InlineData(16, 3, 0, 2)]
    [InlineData(12, 4, 0, 2)]
    [InlineData(8, 4, 1, 2)]
    public void Decode_CharLsEncodedImage_EqualsCharLsAndSource(int bits, int components, int near, int interleave)
    {
        const int width = 61, height = 29;
        var samples = SyntheticImage(width, height, components, bits, seed: bits * 100 + components * 10 + near);
        // CharLS takes ILV 0 input plane by plane.
        var input = interleave == 0 && components > 1 ? Planar(samples, width * height, components, bits <= 8 ? 1 : 2) : samples;
        var codestream = CharLsEncoder.Encode(input, width, height, bits, components, near, interleave);

        var decoded = DecodeOurs(codestream, width, height, components, bits);

        Assert.Equal(DecodeCharLs(codestream, width, height, components, bits), decoded);
        var bytes = bits <= 8 ? 1 : 2;
        var maxError = 0;
        for (var i = 0; i < samples.Length / bytes; i++)
        {
            maxError = Math.Max(maxError, Math.Abs(Sample(samples, i, bytes) - Sample(decoded, i, bytes)));
        }

        Assert.True(maxError <= near, $"max error {maxError} exceeds NEAR {near}");
    }

    [Theory]
    [InlineData(12, 0, 4095, 5, 20, 100, 32)]
    [InlineData(12, 0, 1000, 0, 0, 0, 0)] // MAXVAL below 2^P - 1: the general (non-mask) reconstruction
    [InlineData(8, 1, 0, 10, 30, 60, 200)]
    [InlineData(16, 0, 0, 1, 2, 3, 3)]
    public void Decode_PresetParameters_EqualsCharLs(int bits, int near, int maxVal, int t1, int t2, int t3, int reset)
    {
        const int width = 40, height = 33;
        var samples = SyntheticImage(width, height, 1, bits, seed: maxVal + t1, maxValue: maxVal == 0 ? (1 << bits) - 1 : maxVal);
        var codestream = CharLsEncoder.Encode(samples, width, height, bits, 1, near, 0, new CharLsEncoder.Presets(maxVal, t1, t2, t3, reset));
        Assert.True(codestream.AsSpan().IndexOf(new byte[] { 0xFF, 0xF8, 0x00, 0x0D, 0x01 }) > 0, "CharLS wrote no LSE preset segment");

        Assert.Equal(DecodeCharLs(codestream, width, height, 1, bits), DecodeOurs(codestream, width, height, 1, bits));
    }

    [Fact]
    public void Decode_TruncatedOrDamagedCodestream_ThrowsFormatExceptionNamingJpegLs()
    {
        var samples = SyntheticImage(64, 64, 1, 12, seed: 3);
        var codestream = CharLsEncoder.Encode(samples, 64, 64, 12, 1, 0, 0);

        var truncated = codestream.AsSpan(0, codestream.Length / 2).ToArray();
        var ex = Assert.Throws<DicomFormatException>(() => DecodeOurs(truncated, 64, 64, 1, 12));
        Assert.Contains("JPEG-LS", ex.Message, StringComparison.Ordinal);

        var random = new Random(5);
        for (var cut = 30; cut < codestream.Length; cut += 37)
        {
            var damaged = (byte[])codestream.Clone();
            random.NextBytes(damaged.AsSpan(cut, Math.Min(16, damaged.Length - cut)));
            try
            {
                Assert.Equal(samples.Length, DecodeOurs(damaged, 64, 64, 1, 12).Length);
            }
            catch (DicomFormatException)
            {
            }
        }
    }

    [Theory]
    [InlineData("jpegls")]
    [InlineData("jpegls_near")]
    [InlineData("gdcmjpegls")] // rgb8: sample-interleaved
    public void DecodeFrame_CorruptedCorpusCodestream_ThrowsFormatExceptionNamingPixelDataOrDecodesAWholeFrame(string variant)
    {
        var random = new Random(17);
        foreach (var entry in corpus.Entries.Where(e => e.Variant == variant && e.Base is "m16u" or "m8" or "rgb8"))
        {
            CodestreamCorruption.AssertFormatErrorOrWholeFrame(File.ReadAllBytes(entry.Path), cutPoints: 40, random);
        }
    }

    [Fact]
    public void Decode_FrameHeaderDisagreesWithDicom_ThrowsNamingBothSizes()
    {
        var codestream = CharLsEncoder.Encode(SyntheticImage(20, 10, 1, 8, seed: 1), 20, 10, 8, 1, 0, 0);

        var ex = Assert.Throws<DicomFormatException>(() => DecodeOurs(codestream, 10, 20, 1, 8));

        Assert.Contains("20x10x1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("10x20x1", ex.Message, StringComparison.Ordinal);
    }

    private static byte[] DecodeOurs(byte[] codestream, int width, int height, int components, int bits)
    {
        var info = Info(width, height, components, bits);
        var destination = new byte[info.FrameBytes];
        JpegLsDecoder.Decode(codestream, info, destination);
        return destination;
    }

    private static byte[] DecodeCharLs(byte[] codestream, int width, int height, int components, int bits)
    {
        var info = Info(width, height, components, bits);
        var destination = new byte[info.FrameBytes];
        new CharLsCodec().Decode(codestream, info, destination);
        return destination;
    }

    private static PixelDataInfo Info(int width, int height, int components, int bits) => new()
    {
        Rows = height,
        Columns = width,
        SamplesPerPixel = components,
        BitsAllocated = bits <= 8 ? 8 : 16,
        BitsStored = bits,
        HighBit = bits - 1,
        PixelRepresentation = 0,
        PlanarConfiguration = 0,
        Photometric = components == 1 ? "MONOCHROME2" : "RGB",
        Frames = 1,
        TransferSyntax = DicomTransferSyntax.JpegLsLossless,
    };

    /// <summary>Flat areas (run mode), gradients, edges and noise, interleaved, in the sample layout CharLS takes.</summary>
    private static byte[] SyntheticImage(int width, int height, int components, int bits, int seed, int maxValue = -1)
    {
        var max = maxValue < 0 ? (1 << bits) - 1 : maxValue;
        var random = new Random(seed);
        var bytes = bits <= 8 ? 1 : 2;
        var data = new byte[width * height * components * bytes];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                for (var c = 0; c < components; c++)
                {
                    int v = (y / 7 % 3) switch
                    {
                        0 => x < width / 2 ? max / 3 : max / 3 + c, // flat: runs, interrupted mid-line
                        1 => (int)((long)max * ((x * 3 + y * 5 + c * 11) % 97) / 96) + random.Next(-2, 3), // gradient + noise
                        _ => random.Next(0, max + 1), // noise: long Golomb codes and escapes
                    };
                    v = Math.Clamp(v, 0, max);
                    var i = (y * width + x) * components + c;
                    if (bytes == 1)
                    {
                        data[i] = (byte)v;
                    }
                    else
                    {
                        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(i * 2), (ushort)v);
                    }
                }
            }
        }

        return data;
    }

    private static byte[] Planar(byte[] interleaved, int pixels, int components, int bytes)
    {
        var planar = new byte[interleaved.Length];
        for (var p = 0; p < pixels; p++)
        {
            for (var c = 0; c < components; c++)
            {
                interleaved.AsSpan((p * components + c) * bytes, bytes).CopyTo(planar.AsSpan((c * pixels + p) * bytes));
            }
        }

        return planar;
    }

    private static int Sample(byte[] data, int index, int bytes) =>
        bytes == 1 ? data[index] : BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(index * 2));

    private static byte[] FirstFragment(string path) => FirstFragment(DicomFile.Open(path).Dataset);

    private static byte[] FirstFragment(DicomDataset dataset) =>
        dataset.GetElement(DicomTags.PixelData)!.Fragments!.Fragments[0].Data.ToArray();
}
