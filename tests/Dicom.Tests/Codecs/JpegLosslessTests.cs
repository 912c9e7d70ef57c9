using System.Globalization;

namespace MedicalImaging.Dicom.Tests;

/// <summary>The table-driven JPEG lossless decoder: restart intervals (hand-made streams) and point transform (dcmcjpeg +pt vs dcmdjpeg).</summary>
[Collection(CorpusCollection.Name)]
public sealed class JpegLosslessTests(CorpusFixture corpus)
{
    [Theory]
    [InlineData(1, 16, 0)] // no restarts
    [InlineData(1, 16, 2)] // restart every 2 rows: the single-component path
    [InlineData(3, 8, 1)] // three interleaved components, restart every row
    [InlineData(1, 12, 5)]
    public void Decode_StreamWithRestartIntervals_ReturnsTheEncodedSamples(int components, int precision, int restartRows)
    {
        const int width = 37, height = 23;
        var random = new Random(components * 100 + precision + restartRows);
        var planes = Enumerable.Range(0, components)
            .Select(_ => Enumerable.Range(0, width * height).Select(i => (ushort)((i * 7 + random.Next(0, 300)) % (1 << precision))).ToArray())
            .ToArray();
        var stream = LosslessEncoder.Encode(planes, width, height, precision, restartRows * width);

        using var decoder = new JpegLosslessDecoder();
        decoder.Decode(stream, width * height);

        for (var c = 0; c < components; c++)
        {
            Assert.Equal(planes[c], decoder.Plane(c).ToArray());
        }
    }

    [Theory]
    [InlineData("jpegll1")]
    [InlineData("jpegll6")]
    public void DecodeFrame_CorruptedCodestream_ThrowsFormatExceptionNamingPixelDataOrDecodesAWholeFrame(string variant)
    {
        var random = new Random(11);
        foreach (var entry in corpus.Entries.Where(e => e.Variant == variant && e.Base is "m16s" or "rgb8"))
        {
            CodestreamCorruption.AssertFormatErrorOrWholeFrame(File.ReadAllBytes(entry.Path), cutPoints: 50, random);
        }
    }

    [Fact]
    public void Decode_HuffmanTableWithTooManyCodes_ThrowsFormatException()
    {
        var planes = new[] { Enumerable.Range(0, 64).Select(i => (ushort)i).ToArray() };
        var stream = LosslessEncoder.Encode(planes, 8, 8, 8, 0);
        var dht = stream.AsSpan().IndexOf(new byte[] { 0xFF, 0xC4 });
        stream[dht + 5] = 3; // three 1-bit codes (only two exist) ...
        stream[dht + 9] = 14; // ... and three fewer 5-bit ones, so the segment keeps its 17 values

        using var decoder = new JpegLosslessDecoder();
        var ex = Assert.Throws<DicomFormatException>(() => decoder.Decode(stream, 64));
        Assert.Contains("Huffman table", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("m16u", 2)]
    [InlineData("m12s", 3)]
    [InlineData("rgb8", 1)]
    public void DecodeFrame_PointTransform_EqualsDcmdjpeg(string baseName, int pointTransform)
    {
        var source = corpus.NativeOf(baseName);
        var dir = Path.Combine(corpus.Directory, "pt");
        Directory.CreateDirectory(dir);
        var compressed = Path.Combine(dir, string.Create(CultureInfo.InvariantCulture, $"{baseName}_pt{pointTransform}.dcm"));
        var (exit, _, stderr) = Tools.Run("dcmcjpeg", "+el", "+sv", "7", "+pt", pointTransform.ToString(CultureInfo.InvariantCulture), source, compressed);
        Assert.True(exit == 0, stderr);
        var reference = compressed + ".dcmdjpeg.dcm";
        (exit, _, stderr) = Tools.Run("dcmdjpeg", compressed, reference);
        Assert.True(exit == 0, stderr);

        var decoder = new DicomPixelDecoder();
        var ours = DicomFile.Open(compressed);
        var theirs = DicomFile.Open(reference);
        for (var f = 0; f < PixelDataInfo.FromFile(ours).Frames; f++)
        {
            var a = decoder.DecodeFrame(ours, f);
            Assert.Equal("jpeg-lossless", a.Codec);
            var (max, _) = FrameComparer.Difference(a, decoder.DecodeFrame(theirs, f));
            Assert.True(max == 0, $"{baseName} Pt={pointTransform} frame {f}: max difference {max} against dcmdjpeg");
        }
    }

    /// <summary>Minimal process-14 encoder (selection value 1, one 5-bit code per category) that can write restart markers.</summary>
    private static class LosslessEncoder
    {
        public static byte[] Encode(ushort[][] planes, int width, int height, int precision, int restartInterval)
        {
            var output = new List<byte> { 0xFF, 0xD8 };
            var n = planes.Length;
            Segment(output, 0xC3, [(byte)precision, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, (byte)n,
                .. Enumerable.Range(0, n).SelectMany(c => new byte[] { (byte)(c + 1), 0x11, 0 })]);
            var counts = new byte[16];
            counts[4] = 17; // categories 0..16, codes 00000..10000
            Segment(output, 0xC4, [0x00, .. counts, .. Enumerable.Range(0, 17).Select(v => (byte)v)]);
            if (restartInterval > 0)
            {
                Segment(output, 0xDD, [(byte)(restartInterval >> 8), (byte)restartInterval]);
            }

            Segment(output, 0xDA, [(byte)n, .. Enumerable.Range(0, n).SelectMany(c => new byte[] { (byte)(c + 1), 0x00 }), 1, 0, 0]);
            var bits = new BitWriter(output);
            var firstRow = 0;
            var marker = 0;
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    var mcu = y * width + x;
                    if (restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0)
                    {
                        bits.Flush();
                        output.AddRange([0xFF, (byte)(0xD0 + marker++ % 8)]);
                        firstRow = y;
                    }

                    foreach (var plane in planes)
                    {
                        var i = y * width + x;
                        int pred = y == firstRow ? (x == 0 ? 1 << (precision - 1) : plane[i - 1]) : (x == 0 ? plane[i - width] : plane[i - 1]);
                        var d = (plane[i] - pred) & 0xFFFF;
                        if (d >= 32768)
                        {
                            d -= 65536;
                        }

                        var t = d == 0 ? 0 : d == -32768 ? 16 : 32 - int.LeadingZeroCount(Math.Abs(d));
                        bits.Write(t, 5);
                        if (t is > 0 and < 16)
                        {
                            bits.Write(d > 0 ? d : d - 1 + (1 << t), t);
                        }
                    }
                }
            }

            bits.Flush();
            output.AddRange([0xFF, 0xD9]);
            return [.. output];
        }

        private static void Segment(List<byte> output, byte marker, byte[] body)
        {
            output.AddRange([0xFF, marker, (byte)((body.Length + 2) >> 8), (byte)(body.Length + 2)]);
            output.AddRange(body);
        }

        private sealed class BitWriter(List<byte> output)
        {
            private int _buffer;
            private int _count;

            public void Write(int value, int bits)
            {
                for (var b = bits - 1; b >= 0; b--)
                {
                    _buffer = (_buffer << 1) | ((value >> b) & 1);
                    if (++_count == 8)
                    {
                        Emit();
                    }
                }
            }

            public void Flush()
            {
                while (_count != 0)
                {
                    Write(1, 1); // pad with ones
                }
            }

            private void Emit()
            {
                output.Add((byte)_buffer);
                if (_buffer == 0xFF)
                {
                    output.Add(0x00);
                }

                _buffer = 0;
                _count = 0;
            }
        }
    }
}
