using System.Buffers.Binary;
using MedicalImaging.Imaging;

namespace MedicalImaging.Dicom.Tests;

/// <summary>Truncated, lying, absurd and corrupted input: a clear exception naming tag/offset, fast, no huge allocation.</summary>
public sealed class MalformedInputTests
{
    private readonly DicomImageDecoder _decoder = new();

    [Theory]
    [InlineData("CT_small.dcm")]
    [InlineData("MR_small_implicit.dcm")]
    [InlineData("MR_small_bigendian.dcm")]
    [InlineData("MR_small_RLE.dcm")]
    [InlineData("MR_small_jpeg_ls_lossless.dcm")]
    [InlineData("image_dfl.dcm")]
    [InlineData("nested_priv_SQ.dcm")]
    [InlineData("SC_rgb_rle_2frame.dcm")]
    public void Decode_TruncatedAtEveryStep_ThrowsImageDecodeExceptionAtAnOffsetInsideTheDataOrDecodesTheWholeFrame(string name)
    {
        var data = File.ReadAllBytes(PydicomSamples.Path(name));
        var whole = TryDecode(data);
        var pixelData = DicomFile.Parse(data).Dataset.GetElement(DicomTags.PixelData)?.Offset;
        var step = Math.Max(1, data.Length / 400);
        var (prefixes, thrown, decoded) = (0, 0, 0);
        for (var n = 0; n < data.Length; n += step)
        {
            prefixes++;
            ImageDecodeException? error = null;
            DecodedImage? image = null;
            try
            {
                image = _decoder.Decode(data.AsMemory(0, n), new DecodeOptions { FrameIndex = 0 });
            }
            catch (ImageDecodeException ex)
            {
                error = ex;
            }

            if (image is null)
            {
                thrown++;
                Assert.Matches("offset|tag|frame|Pixel Data|not DICOM|codestream|JPEG|RLE", error!.Message);
                if (error.InnerException is DicomFormatException { Offset: >= 0 } format)
                {
                    Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"byte offset {format.Offset}"), error.Message, StringComparison.Ordinal);
                    if (name != "image_dfl.dcm")
                    {
                        // Offsets count the file's bytes (a deflated file's count the inflated stream's): a truncation is
                        // found at or before the end of what is there.
                        Assert.InRange(format.Offset, 0, n);
                    }
                }

                continue;
            }

            decoded++;
            // Whatever decodes from a prefix is the whole first frame: the file was cut after its pixels.
            Assert.True(pixelData is { } at && n > at, $"{n} bytes, cut before the Pixel Data element, decoded");
            Assert.NotNull(whole);
            Assert.Equal((whole.Width, whole.Height, whole.Channels), (image.Width, image.Height, image.Channels));
            Assert.Equal(whole.Width * whole.Height * whole.Channels, image.Pixels.Length);
            Assert.Equal(whole.Pixels, image.Pixels);
        }

        Assert.Equal((data.Length + step - 1) / step, prefixes);
        Assert.Equal(prefixes, thrown + decoded);
        Assert.True(thrown > prefixes / 2, $"only {thrown} of {prefixes} truncations were refused");
    }

    /// <summary>The whole file's first frame, or null when the file is no image (nested_priv_SQ.dcm has no pixels).</summary>
    private DecodedImage? TryDecode(byte[] data)
    {
        try
        {
            return _decoder.Decode(data, new DecodeOptions { FrameIndex = 0 });
        }
        catch (ImageDecodeException)
        {
            return null;
        }
    }

    [Fact]
    public void Parse_LyingValueLength_NamesTagAndOffset()
    {
        var data = File.ReadAllBytes(PydicomSamples.Path("CT_small.dcm"));
        var rows = DicomFile.Parse(data).Dataset.GetElement(DicomTags.Rows)!;
        var element = DicomFile.Parse(data).Dataset.GetElement(DicomTags.PatientName)!;
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan((int)element.Offset + 6), 0xFFF0);
        var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Parse(data));
        Assert.Contains("(0010,0010)", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"offset {element.Offset}", ex.Message, StringComparison.Ordinal);
        Assert.Equal(DicomTags.PatientName, ex.Tag);
        Assert.Equal(element.Offset, ex.Offset);
        Assert.True(rows.Offset > 0);
    }

    [Fact]
    public void Parse_LyingSequenceItemLength_ThrowsDicomFormatExceptionAtTheItemsOffset()
    {
        var data = File.ReadAllBytes(PydicomSamples.Path("nested_priv_SQ.dcm"));
        // Every item header: FFFE,E000 + length. Make the first defined item length absurd.
        var at = data.AsSpan().IndexOf(new byte[] { 0xFE, 0xFF, 0x00, 0xE0 });
        Assert.True(at > 0);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(at + 4), 0x7FFFFFF0);
        var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Parse(data));
        Assert.Equal(at, ex.Offset);
        Assert.Contains($"byte offset {at}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadVR_NamesTagAndOffset()
    {
        var data = File.ReadAllBytes(PydicomSamples.Path("CT_small.dcm"));
        var element = DicomFile.Parse(data).Dataset.GetElement(DicomTags.Modality)!;
        data[element.Offset + 4] = (byte)'?';
        var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Parse(data));
        Assert.Contains("invalid VR", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(0008,0060)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(DicomTags.Modality, ex.Tag);
        Assert.Equal(element.Offset, ex.Offset);
    }

    [Fact]
    public void Decode_AbsurdNativeDimensions_ThrowsBeforeAllocating()
    {
        var data = File.ReadAllBytes(PydicomSamples.Path("CT_small.dcm"));
        var ds = DicomFile.Parse(data).Dataset;
        foreach (var tag in new[] { DicomTags.Rows, DicomTags.Columns })
        {
            var e = ds.GetElement(tag)!;
            BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan((int)e.Offset + 8), 20000);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<ImageDecodeException>(() => _decoder.Decode(data, new DecodeOptions()));
        Assert.Contains("(7FE0,0010)", ex.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4 * data.Length + (1 << 20));
    }

    [Fact]
    public void Decode_FrameAboveSizeLimit_ThrowsNamingRows()
    {
        var data = File.ReadAllBytes(PydicomSamples.Path("CT_small.dcm"));
        var ds = DicomFile.Parse(data).Dataset;
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan((int)ds.GetElement(DicomTags.Rows)!.Offset + 8), 65535);
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan((int)ds.GetElement(DicomTags.Columns)!.Offset + 8), 65535);
        var ex = Assert.Throws<ImageDecodeException>(() => _decoder.Decode(data, new DecodeOptions()));
        Assert.Contains("(0028,0010)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_AbsurdDimensionsOverCompressedFrame_Throws()
    {
        var data = File.ReadAllBytes(PydicomSamples.Path("MR_small_RLE.dcm"));
        var ds = DicomFile.Parse(data).Dataset;
        foreach (var tag in new[] { DicomTags.Rows, DicomTags.Columns })
        {
            var e = ds.GetElement(tag)!;
            BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan((int)e.Offset + 8), 20000);
        }

        var ex = Assert.Throws<ImageDecodeException>(() => _decoder.Decode(data, new DecodeOptions()));
        Assert.Contains("compressed bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeeplyNestedSequences_ThrowsAtDepthLimit()
    {
        using var ms = new MemoryStream();
        ms.Write(new byte[128]);
        ms.Write("DICM"u8);
        WriteShort(ms, 0x0002, 0x0010, "UI", "1.2.840.10008.1.2.1\0"u8);
        for (var i = 0; i < 200; i++)
        {
            ms.Write(new byte[] { 0x08, 0x00, 0x15, 0x11, (byte)'S', (byte)'Q', 0, 0, 0xFF, 0xFF, 0xFF, 0xFF });
            ms.Write(new byte[] { 0xFE, 0xFF, 0x00, 0xE0, 0xFF, 0xFF, 0xFF, 0xFF });
        }

        var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Parse(ms.ToArray()));
        Assert.Contains("nested deeper", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MR_small_RLE.dcm")]
    [InlineData("MR_small_jpeg_ls_lossless.dcm")]
    [InlineData("SC_rgb_rle.dcm")]
    public void Decode_CorruptedCodestream_ThrowsImageDecodeExceptionOrDecodesAFrameOfTheOriginalSize(string name)
    {
        var original = File.ReadAllBytes(PydicomSamples.Path(name));
        var whole = _decoder.Decode(original, new DecodeOptions { FrameIndex = 0 });
        var (thrown, decoded) = (0, 0);
        var pixel = DicomFile.Parse(original).Dataset.GetElement(DicomTags.PixelData)!;
        var start = (int)pixel.Offset + 12;
        var random = new Random(42);
        for (var round = 0; round < 150; round++)
        {
            var data = (byte[])original.Clone();
            for (var k = 0; k < 1 + round % 8; k++)
            {
                data[random.Next(start, data.Length)] = (byte)random.Next(256);
            }

            try
            {
                var image = _decoder.Decode(data, new DecodeOptions { FrameIndex = 0 });
                decoded++;
                Assert.Equal((whole.Width, whole.Height, whole.Channels), (image.Width, image.Height, image.Channels));
                Assert.Equal(whole.Width * whole.Height * whole.Channels, image.Pixels.Length);
            }
            catch (ImageDecodeException ex)
            {
                thrown++;
                Assert.False(string.IsNullOrWhiteSpace(ex.Message));
            }
        }

        Assert.Equal(150, thrown + decoded);
    }

    [Fact]
    public void Decode_NotDicom_ThrowsClearMessage()
    {
        var ex = Assert.Throws<ImageDecodeException>(() => _decoder.Decode("\x89PNG\r\n\x1a\n0000000000000000"u8.ToArray(), new DecodeOptions()));
        Assert.Contains("not DICOM", ex.Message, StringComparison.Ordinal);
        Assert.False(_decoder.CanDecode("\x89PNG\r\n\x1a\n00000000"u8));
    }

    private static void WriteShort(Stream s, ushort group, ushort element, string vr, ReadOnlySpan<byte> value)
    {
        Span<byte> h = stackalloc byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(h, group);
        BinaryPrimitives.WriteUInt16LittleEndian(h[2..], element);
        h[4] = (byte)vr[0];
        h[5] = (byte)vr[1];
        BinaryPrimitives.WriteUInt16LittleEndian(h[6..], (ushort)value.Length);
        s.Write(h);
        s.Write(value);
    }
}
