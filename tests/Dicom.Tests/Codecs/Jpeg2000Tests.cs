using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MedicalImaging.Dicom.Tests;

/// <summary>
/// JPEG 2000 and HTJ2K through OpenJPEG called directly (<see cref="OpenJpegCodec"/>): byte for byte what GDCM (the same
/// OpenJPEG behind its C# binding) gives, lossless equal to the source, thread-safe without a lock, corrupt codestreams
/// and header disagreements refused with <see cref="DicomFormatException"/>.
/// </summary>
[Collection(CorpusCollection.Name)]
public sealed class Jpeg2000Tests(CorpusFixture corpus)
{
    private readonly DicomPixelDecoder _openJpeg = new([new OpenJpegCodec()]);
    private readonly DicomPixelDecoder _gdcm = new([new GdcmCodec()]);
    private readonly DicomPixelDecoder _default = new();

    public static readonly TheoryData<string> PydicomJ2kSamples = new()
    {
        "MR_small_jp2klossless.dcm", "JPEG2000.dcm", "693_J2KI.dcm", "J2K_pixelrep_mismatch.dcm",
        "GDCMJ2K_TextGBR.dcm", // JP2 file format (boxes), YBR_RCT, 16 tiles
    };

    private IEnumerable<CorpusEntry> J2k => corpus.Entries.Where(e => e.Kind == "jpeg2000");

    private IEnumerable<CorpusEntry> Htj2k => corpus.Entries.Where(e => e.Kind == "htj2k");

    [Fact]
    public void Default_PicksOpenJpegForJpeg2000AndHtj2k()
    {
        Assert.True(OpenJpegCodec.IsAvailable, "libopenjp2 must load (apt-get install libopenjp2-7)");
        foreach (var entry in J2k.Concat(Htj2k))
        {
            Assert.Equal("openjpeg", _default.DecodeFrame(DicomFile.Open(entry.Path), 0).Codec);
        }
    }

    [Fact]
    public void Decode_EveryJ2kCorpusFrame_EqualsGdcmByteForByte_AndLosslessEqualsSource()
    {
        var entries = J2k.ToList();
        Assert.True(entries.Count >= 10, $"only {entries.Count} JPEG 2000 corpus files");
        foreach (var entry in entries)
        {
            var file = DicomFile.Open(entry.Path);
            var source = DicomFile.Open(corpus.NativeOf(entry.Base));
            for (var f = 0; f < PixelDataInfo.FromFile(file).Frames; f++)
            {
                var ours = _openJpeg.DecodeFrame(file, f);
                var gdcm = _gdcm.DecodeFrame(file, f);
                var name = $"{Path.GetFileName(entry.Path)} frame {f}";
                Assert.True(gdcm.Data.AsSpan().SequenceEqual(ours.Data), $"{name}: OpenJPEG and GDCM differ");
                Assert.Equal(gdcm.Photometric, ours.Photometric);
                if (!entry.Lossy)
                {
                    Assert.True(_default.DecodeFrame(source, f).Data.AsSpan().SequenceEqual(ours.Data), $"{name}: differs from the source");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(PydicomJ2kSamples))]
    public void Decode_PydicomJ2kSample_EqualsGdcmByteForByte(string name)
    {
        var file = DicomFile.Open(PydicomSamples.Path(name));
        var ours = _openJpeg.DecodeFrame(file, 0);
        var gdcm = _gdcm.DecodeFrame(file, 0);
        Assert.Equal(gdcm.Data, ours.Data);

        // GDCM passes the header's YBR_RCT/YBR_ICT on although OpenJPEG has already undone the transform: the samples are RGB.
        Assert.Equal(gdcm.Photometric is "YBR_RCT" or "YBR_ICT" ? "RGB" : gdcm.Photometric, ours.Photometric);
    }

    [Theory]
    [InlineData("htj2k")] // 1.2.840.10008.1.2.4.201, LRCP
    [InlineData("htj2k_rpcl")] // .202, RPCL
    public void Decode_Htj2kLosslessCorpus_EqualsSourceOnEveryFrame(string variant)
    {
        var entries = Htj2k.Where(e => e.Variant == variant).ToList();
        Assert.True(entries.Count >= 7, $"only {entries.Count} '{variant}' files (grk_compress: apt-get install grokj2k-tools)");
        foreach (var entry in entries)
        {
            var file = DicomFile.Open(entry.Path);
            Assert.Equal(PixelEncoding.HighThroughputJpeg2000, file.TransferSyntax.Pixels);
            Assert.False(new GdcmCodec().CanDecode(file.TransferSyntax));
            var source = DicomFile.Open(corpus.NativeOf(entry.Base));
            var info = PixelDataInfo.FromFile(file);
            Assert.Equal(PixelDataInfo.FromFile(source).Frames, info.Frames);
            for (var f = 0; f < info.Frames; f++)
            {
                var decoded = _default.DecodeFrame(file, f);
                Assert.True(_default.DecodeFrame(source, f).Data.AsSpan().SequenceEqual(decoded.Data),
                    $"{Path.GetFileName(entry.Path)} frame {f} differs from the source");
                Assert.Equal(info.SamplesPerPixel == 3 ? "RGB" : "MONOCHROME2", decoded.Photometric);
            }
        }
    }

    [Fact]
    public void Decode_Htj2kLossyCorpus_StaysCloseToSource()
    {
        var entries = Htj2k.Where(e => e.Lossy).ToList();
        Assert.True(entries.Count >= 3, $"only {entries.Count} lossy HTJ2K files");
        foreach (var entry in entries)
        {
            var file = DicomFile.Open(entry.Path);
            Assert.Equal(DicomTransferSyntax.HtJpeg2000, file.TransferSyntax);
            var source = DicomFile.Open(corpus.NativeOf(entry.Base));
            var decoded = _default.DecodeFrame(file, 0);
            var (max, mean) = FrameComparer.Difference(decoded, _default.DecodeFrame(source, 0));
            var range = (1L << decoded.Info.BitsStored) - 1;
            Assert.True(mean <= 0.005 * range, string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(entry.Path)}: mean {mean:F2}, max {max}"));
            Assert.Equal(decoded.Info.SamplesPerPixel == 3 ? "RGB" : "MONOCHROME2", decoded.Photometric);
        }
    }

    [Fact]
    public void Decode_ManyFramesOnParallelThreads_EqualsSequentialResult()
    {
        var work = J2k.Concat(Htj2k).SelectMany(e =>
        {
            var file = DicomFile.Open(e.Path);
            return Enumerable.Range(0, PixelDataInfo.FromFile(file).Frames).Select(f => (File: file, Frame: f));
        }).ToList();
        var expected = work.Select(w => _openJpeg.DecodeFrame(w.File, w.Frame).Data).ToList();
        var rounds = 6;
        var results = new byte[work.Count * rounds][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            i => results[i] = _openJpeg.DecodeFrame(work[i % work.Count].File, work[i % work.Count].Frame).Data);
        for (var i = 0; i < results.Length; i++)
        {
            Assert.True(expected[i % work.Count].AsSpan().SequenceEqual(results[i]), $"parallel decode {i} differs");
        }
    }

    [Fact]
    public void DecodeFrames_J2kMultiFrame_GoesFrameParallelAndEqualsFrameByFrame()
    {
        var decoder = new DicomPixelDecoder { MaxDegreeOfParallelism = 4 };
        foreach (var file in J2k.Concat(Htj2k).Select(e => DicomFile.Open(e.Path)).Where(f => PixelDataInfo.FromFile(f).Frames > 1))
        {
            var frames = decoder.DecodeFrames(file);
            for (var f = 0; f < frames.Length; f++)
            {
                Assert.Equal("openjpeg", frames[f].Codec);
                Assert.Equal(decoder.DecodeFrame(file, f).Data, frames[f].Data);
            }
        }
    }

    [Fact]
    public void Decode_CorruptOrTruncatedCodestreams_GiveFormatErrorOrWholeFrame()
    {
        var random = new Random(11);
        foreach (var entry in J2k.Concat(Htj2k).Where(e => e.Base is "m16s" or "rgb8"))
        {
            CodestreamCorruption.AssertFormatErrorOrWholeFrame(File.ReadAllBytes(entry.Path), cutPoints: 40, random);
        }
    }

    [Theory]
    [InlineData("j2k")]
    [InlineData("htj2k")]
    public void Decode_TruncatedCodestream_NamesOpenJpegsMessage(string variant)
    {
        var entry = corpus.Entries.First(e => e.Variant == variant && e.Base == "m16s");
        var bytes = File.ReadAllBytes(entry.Path);
        var fragment = DicomFile.Parse(bytes).Dataset.GetElement(DicomTags.PixelData)!.Fragments!.Fragments[0].Data;
        var start = bytes.AsSpan().IndexOf(fragment.Span);
        bytes.AsSpan(start + (fragment.Length / 2), fragment.Length - (fragment.Length / 2)).Clear();

        var ex = Assert.Throws<DicomFormatException>(() => _openJpeg.DecodeFrame(DicomFile.Parse(bytes), 0));
        Assert.Contains("(7FE0,0010)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("OpenJPEG", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("gave no message", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_NotACodestream_NamesOpenJpegsMessage()
    {
        var entry = corpus.Entries.First(e => e.Variant == "j2k" && e.Base == "m8");
        var bytes = File.ReadAllBytes(entry.Path);
        var fragment = DicomFile.Parse(bytes).Dataset.GetElement(DicomTags.PixelData)!.Fragments!.Fragments[0].Data;
        bytes.AsSpan(bytes.AsSpan().IndexOf(fragment.Span), fragment.Length).Fill(0x5A);

        var ex = Assert.Throws<DicomFormatException>(() => _openJpeg.DecodeFrame(DicomFile.Parse(bytes), 0));
        Assert.Contains("failed reading the main header", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("gave no message", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x0010, 40, "(0028,0010)")] // Rows 48 -> 40
    [InlineData(0x0011, 60, "(0028,0011)")] // Columns 64 -> 60
    [InlineData(0x0100, 8, "(0028,0100)")] // Bits Allocated 16 -> 8, below the codestream's 16-bit precision
    public void Decode_HeaderDisagreesWithCodestream_IsRefused(int element, int value, string tag)
    {
        foreach (var variant in new[] { "j2k", "htj2k" })
        {
            var bytes = File.ReadAllBytes(corpus.Entries.First(e => e.Variant == variant && e.Base == "m16s").Path);
            SetUs(bytes, element, value);
            if (element == 0x0100)
            {
                SetUs(bytes, 0x0101, 8);
                SetUs(bytes, 0x0102, 7);
            }

            var ex = Assert.Throws<DicomFormatException>(() => _openJpeg.DecodeFrame(DicomFile.Parse(bytes), 0));
            Assert.Contains(tag, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Htj2kCorpus_IsPart15_CapMarkerInTheMainHeader()
    {
        foreach (var entry in Htj2k)
        {
            var fragment = DicomFile.Open(entry.Path).Dataset.GetElement(DicomTags.PixelData)!.Fragments!.Fragments[0].Data.Span;
            Assert.True(fragment[..Math.Min(200, fragment.Length)].IndexOf([(byte)0xFF, (byte)0x50]) > 0, $"{Path.GetFileName(entry.Path)} has no CAP marker");
        }
    }

    /// <summary>Overwrites a US value of group 0028 in place (parsed values are slices of <paramref name="bytes"/>).</summary>
    private static void SetUs(byte[] bytes, int element, int value)
    {
        var slice = DicomFile.Parse(bytes).Dataset.GetElement(new DicomTag(0x0028, (ushort)element))!.Value;
        Assert.True(MemoryMarshal.TryGetArray(slice, out var segment) && segment.Array == bytes && segment.Count == 2);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(segment.Offset), (ushort)value);
    }

    [Fact]
    public void NativeLayouts_MatchOpenJpeg250Header()
    {
        // sizeof/offsets measured with a C program against /usr/include/openjpeg-2.5/openjpeg.h (libopenjp2-7-dev 2.5.0).
        Assert.Equal(48, Unsafe.SizeOf<OpenJpegImage>());
        Assert.Equal(64, Unsafe.SizeOf<OpenJpegImageComponent>());
        Assert.Equal(8252, Unsafe.SizeOf<OpenJpegDecoderParameters>());
    }
}
