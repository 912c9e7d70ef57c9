using MedicalImaging.Imaging.Decoding;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Tests.Decoding;

public sealed class RasterImageDecoderTests
{
    private readonly RasterImageDecoder _decoder = new();

    [Fact]
    public void Decode_Png16BitGrey_KeepsFullRangeValues()
    {
        using var image = new Mat(40, 60, MatType.CV_16UC1, Scalar.All(1000));
        image.Set(5, 7, (ushort)65535);
        image.Set(6, 8, (ushort)4095);
        var png = image.ImEncode(".png");

        var decoded = _decoder.Decode(png, new DecodeOptions { ModalityHint = "dx", BodyPartHint = "chest" });

        Assert.Equal((60, 40, 1), (decoded.Width, decoded.Height, decoded.Channels));
        Assert.Equal(65535f, decoded.Pixels[(5 * 60) + 7]);
        Assert.Equal(4095f, decoded.Pixels[(6 * 60) + 8]);
        Assert.Equal(1000f, decoded.Pixels[0]);
        Assert.Equal(16, decoded.Metadata.BitsStored);
        Assert.Equal("png", decoded.Metadata.SourceFormat);
        Assert.Equal("DX", decoded.Metadata.Modality);
        Assert.Equal("CHEST", decoded.Metadata.BodyPart);
    }

    [Fact]
    public void Decode_PngBgrWithAlpha_ReturnsRgbOrderWithoutAlpha()
    {
        using var image = new Mat(10, 10, MatType.CV_8UC4, new Scalar(10, 20, 30, 128)); // B, G, R, A
        var decoded = _decoder.Decode(image.ImEncode(".png"), new DecodeOptions());

        Assert.Equal(3, decoded.Channels);
        Assert.Equal([30f, 20f, 10f], decoded.Pixels[..3]);
        Assert.Equal("RGB", decoded.Metadata.PhotometricInterpretation);
        Assert.Equal("OT", decoded.Metadata.Modality);
    }

    [Fact]
    public void Decode_Jpeg_ReturnsGreyCloseToSource()
    {
        using var image = new Mat(64, 80, MatType.CV_8UC1, Scalar.All(120));
        Cv2.Rectangle(image, new Rect(10, 10, 20, 20), Scalar.All(220), -1);
        var jpeg = image.ImEncode(".jpg", new ImageEncodingParam(ImwriteFlags.JpegQuality, 95));

        var decoded = _decoder.Decode(jpeg, new DecodeOptions());

        Assert.Equal((80, 64, 1), (decoded.Width, decoded.Height, decoded.Channels));
        Assert.Equal("jpeg", decoded.Metadata.SourceFormat);
        Assert.InRange(decoded.Pixels[(20 * 80) + 20], 214f, 226f);
        Assert.InRange(decoded.Pixels[(50 * 80) + 60], 114f, 126f);
    }

    [Fact]
    public void Probe_PngAndJpeg_ReadsHeaderDimensions()
    {
        using var image = new Mat(300, 700, MatType.CV_8UC3, Scalar.All(50));

        var png = _decoder.Probe(image.ImEncode(".png"));
        var jpeg = _decoder.Probe(image.ImEncode(".jpg"));

        Assert.Equal(new ImageProbe(700, 300, 3, 1, 1), png);
        Assert.Equal(new ImageProbe(700, 300, 3, 1, 1), jpeg);
    }

    [Fact]
    public void Probe_HugeDeclaredPng_ReportsDimensionsWithoutAllocatingPixels()
    {
        // A 33-byte header that claims 100000 × 100000 16-bit RGB: the pipeline must see that before decoding.
        var header = PngHeader(100_000, 100_000, bitDepth: 16, colourType: 2);

        var probe = _decoder.Probe(header);

        Assert.Equal((100_000, 100_000, 3, 2), (probe.Width, probe.Height, probe.Channels, probe.BytesPerSample));
        Assert.Equal(120_000_000_000L, probe.DecodedFrameBytes);
    }

    [Theory]
    [InlineData(0, 10, 8, 0)]
    [InlineData(10, 0, 8, 0)]
    [InlineData(10, 10, 3, 0)]
    [InlineData(10, 10, 16, 3)]
    public void Probe_InvalidPngHeader_ThrowsImageDecodeException(int width, int height, int bitDepth, int colourType)
    {
        var header = PngHeader(width, height, (byte)bitDepth, (byte)colourType);

        Assert.Throws<ImageDecodeException>(() => _decoder.Probe(header));
    }

    [Fact]
    public void Probe_TwelveBitJpeg_ThrowsClearMessage()
    {
        byte[] sof = [0xFF, 0xD8, 0xFF, 0xC1, 0x00, 0x0B, 12, 0x01, 0x00, 0x01, 0x00, 0x01, 0x01, 0x11, 0x00];

        var ex = Assert.Throws<ImageDecodeException>(() => _decoder.Probe(sof));

        Assert.Contains("12-bit", ex.Message);
    }

    [Fact]
    public void Decode_CorruptPixelData_ThrowsImageDecodeException()
    {
        using var image = new Mat(128, 128, MatType.CV_8UC1);
        Cv2.Randu(image, Scalar.All(0), Scalar.All(255));
        var png = image.ImEncode(".png");
        for (var i = 41; i < png.Length - 12; i++)
        {
            png[i] ^= 0x5A;
        }

        Assert.Throws<ImageDecodeException>(() => _decoder.Decode(png, new DecodeOptions()));
    }

    [Fact]
    public void Decode_TruncatedJpeg_ThrowsImageDecodeException()
    {
        using var image = new Mat(128, 128, MatType.CV_8UC1, Scalar.All(90));
        var jpeg = image.ImEncode(".jpg");

        var ex = Assert.Throws<ImageDecodeException>(() => _decoder.Decode(jpeg.AsMemory(0, jpeg.Length / 2), new DecodeOptions()));

        Assert.Contains("JPEG", ex.Message);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 })]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00 })]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02 })]
    public void Probe_GarbageBytes_ThrowsImageDecodeException(byte[] bytes)
    {
        Assert.Throws<ImageDecodeException>(() => _decoder.Probe(bytes));
    }

    [Fact]
    public void CanDecode_PngJpegAndOther_RecognisesSignatures()
    {
        Assert.True(_decoder.CanDecode([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]));
        Assert.True(_decoder.CanDecode([0xFF, 0xD8, 0xFF, 0xE0]));
        Assert.False(_decoder.CanDecode("DICM"u8));
    }

    private static byte[] PngHeader(int width, int height, byte bitDepth, byte colourType)
    {
        var bytes = new byte[33];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R' }.CopyTo(bytes, 0);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), height);
        bytes[24] = bitDepth;
        bytes[25] = colourType;
        return bytes;
    }
}
