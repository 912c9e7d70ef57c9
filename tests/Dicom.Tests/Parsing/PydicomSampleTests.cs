using System.Globalization;
using System.Text.Json;

namespace MedicalImaging.Dicom.Tests;

/// <summary>Real-world files (pydicom's samples): our stored values equal pydicom's pixel_array.</summary>
public sealed class PydicomSampleTests
{
    public static readonly TheoryData<string> LosslessSamples = new()
    {
        "CT_small.dcm", "MR_small.dcm", "MR_small_bigendian.dcm", "MR_small_implicit.dcm", "MR_small_expb.dcm",
        "MR_small_padded.dcm", "MR_small_RLE.dcm", "MR_small_jpeg_ls_lossless.dcm", "MR_small_jp2klossless.dcm",
        "ExplVR_BigEnd.dcm", "image_dfl.dcm",
        "liver_1frame.dcm", "liver_expb_1frame.dcm", "rtdose.dcm", "rtdose_1frame.dcm", "rtdose_expb.dcm", "rtdose_rle.dcm",
        "SC_rgb_rle.dcm", "SC_rgb_rle_2frame.dcm", "SC_rgb_rle_16bit.dcm", "SC_rgb_rle_16bit_2frame.dcm",
        "SC_rgb_rle_32bit.dcm", "SC_rgb_rle_32bit_2frame.dcm", "SC_rgb_small_odd.dcm",
        "SC_rgb_dcmtk_+eb+cr.dcm",
    };

    public static readonly TheoryData<string> LossySamples = new()
    {
        "SC_rgb_jpeg_dcmtk.dcm", "SC_rgb_jpeg_gdcm.dcm", "SC_rgb_jpeg_lossy_gdcm.dcm", "SC_rgb_dcmtk_+eb+cy+np.dcm",
        "SC_rgb_dcmtk_+eb+cy+s2.dcm", "SC_rgb_dcmtk_+eb+cy+n1.dcm", "SC_rgb_dcmtk_+eb+cy+n2.dcm", "SC_rgb_dcmtk_+eb+cy+s4.dcm", "SC_rgb_jpeg_app14_dcmd.dcm", "JPEG2000.dcm", "JPGExtended.dcm", "SC_rgb_small_odd_jpeg.dcm",
        // File meta says JPEG baseline (explicit VR) but the data set is written in implicit VR: read as the bytes say.
        "SC_rgb_jpeg.dcm",
    };

    [Theory]
    [MemberData(nameof(LosslessSamples))]
    public void DecodeFrame_LosslessSample_EqualsPydicom(string name) => Compare(name, maxMeanDifference: 0);

    [Theory]
    [MemberData(nameof(LossySamples))]
    public void DecodeFrame_LossySample_CloseToPydicom(string name) => Compare(name, maxMeanDifference: 1.5);

    [Theory]
    [InlineData("ExplVR_BigEndNoMeta.dcm", "1.2.840.10008.1.2.2")]
    [InlineData("ExplVR_LitEndNoMeta.dcm", "1.2.840.10008.1.2.1")]
    public void Parse_NoFileMeta_DetectsSyntaxAndReadsNamesAsPydicom(string name, string expectedSyntax)
    {
        var path = PydicomSamples.Path(name);
        var file = DicomFile.Open(path);
        Assert.Equal(expectedSyntax, file.TransferSyntax.Uid);
        var dir = Path.Combine(Path.GetTempPath(), "medimg-pyd-" + Guid.NewGuid().ToString("N"));
        var record = Pydicom.Dump([path], dir)[path];
        var expected = record.GetProperty("patient_name").GetString();
        Assert.Equal(expected, file.Dataset.GetString(DicomTags.PatientName));
        Assert.True(file.Dataset.Count > 5);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Parse_TruncatedSample_ThrowsDicomFormatExceptionAtThePixelDataElementsOffset()
    {
        var data = File.ReadAllBytes(PydicomSamples.Path("MR_truncated.dcm"));
        var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Parse(data));
        Assert.Equal(DicomTags.PixelData, ex.Tag);
        // The element starts at the offset named: its 12-byte explicit OW header, then the bytes that remain. The
        // value length is a 64×64 16-bit frame.
        var match = System.Text.RegularExpressions.Regex.Match(ex.Message, @"value length (\d+) exceeds the (\d+) bytes remaining");
        Assert.True(match.Success, ex.Message);
        Assert.Equal(64 * 64 * 2, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(data.Length, ex.Offset + 12 + long.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains($"(7FE0,0010) at byte offset {ex.Offset}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NestedPrivateSequences_ReadsItems()
    {
        var file = DicomFile.Open(PydicomSamples.Path("nested_priv_SQ.dcm"));
        Assert.Contains(file.Dataset.Elements, e => e.IsSequence && e.Items!.Count > 0
            && e.Items[0].Elements.Any(i => i.IsSequence));
    }

    [Fact]
    public void Parse_SequenceDelimiterBytesInsideFragment_KeepsFragmentIntact()
    {
        // GDCM 3.0.21 cannot decode this 250-byte J2K codestream (pydicom uses another J2K library); the parser must not cut it.
        var file = DicomFile.Open(PydicomSamples.Path("JPEG2000-embedded-sequence-delimiter.dcm"));
        var fragments = file.Dataset.GetElement(DicomTags.PixelData)!.Fragments!.Fragments;
        Assert.Single(fragments);
        Assert.Equal(250, fragments[0].Data.Length);
        Assert.Equal(new byte[] { 0xFF, 0xD9 }, fragments[0].Data.Span[^2..].ToArray());
    }

    [Fact]
    public void Parse_UnSequence_ParsesUndefinedLengthUnAsSequence()
    {
        var file = DicomFile.Open(PydicomSamples.Path("UN_sequence.dcm"));
        Assert.Contains(file.Dataset.Elements, e => e.IsSequence);
    }

    private static void Compare(string name, double maxMeanDifference)
    {
        var path = PydicomSamples.Path(name);
        var dir = Path.Combine(Path.GetTempPath(), "medimg-pyd-" + Guid.NewGuid().ToString("N"));
        try
        {
            var record = Pydicom.Dump([path], dir)[path];
            Assert.True(record.GetProperty("ok").GetBoolean(), $"pydicom could not decode {name}: {record}");
            var file = DicomFile.Open(path);
            var info = PixelDataInfo.FromFile(file);
            var decoder = new DicomPixelDecoder();
            var ours = new List<long>();
            for (var f = 0; f < info.Frames; f++)
            {
                var frame = decoder.DecodeFrame(file, f);
                for (var i = 0; i < frame.Data.Length / info.BytesPerSample; i++)
                {
                    ours.Add(FrameComparer.Sample(frame.Data, i, info.BytesPerSample, info.IsSigned));
                }
            }

            var theirs = ReadPydicom(record);
            Assert.Equal(theirs.Length, ours.Count);
            double sum = 0;
            long max = 0;
            for (var i = 0; i < theirs.Length; i++)
            {
                var d = Math.Abs(theirs[i] - ours[i]);
                sum += d;
                max = Math.Max(max, d);
            }

            var mean = sum / theirs.Length;
            Assert.True(maxMeanDifference == 0 ? max == 0 : mean <= maxMeanDifference,
                string.Create(CultureInfo.InvariantCulture, $"{name}: mean difference {mean:F3}, max {max} ({record})"));
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, true);
            }
        }
    }

    private static long[] ReadPydicom(JsonElement record)
    {
        var bytes = File.ReadAllBytes(record.GetProperty("raw").GetString()!);
        var dtype = record.GetProperty("dtype").GetString()!;
        return dtype switch
        {
            "uint8" => bytes.Select(b => (long)b).ToArray(),
            "int8" => bytes.Select(b => (long)(sbyte)b).ToArray(),
            "uint16" => Enumerable.Range(0, bytes.Length / 2).Select(i => (long)BitConverter.ToUInt16(bytes, i * 2)).ToArray(),
            "int16" => Enumerable.Range(0, bytes.Length / 2).Select(i => (long)BitConverter.ToInt16(bytes, i * 2)).ToArray(),
            "uint32" => Enumerable.Range(0, bytes.Length / 4).Select(i => (long)BitConverter.ToUInt32(bytes, i * 4)).ToArray(),
            "int32" => Enumerable.Range(0, bytes.Length / 4).Select(i => (long)BitConverter.ToInt32(bytes, i * 4)).ToArray(),
            "float64" => Enumerable.Range(0, bytes.Length / 8).Select(i => (long)Math.Round(BitConverter.ToDouble(bytes, i * 8))).ToArray(),
            _ => throw new InvalidOperationException("unexpected dtype " + dtype),
        };
    }
}
