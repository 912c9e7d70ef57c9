using MedicalImaging.Imaging;

namespace MedicalImaging.Dicom.Tests;

/// <summary>The pipeline decoder: Hounsfield units, colour, frames, metadata without identity.</summary>
public sealed class DicomImageDecoderTests
{
    private readonly DicomImageDecoder _decoder = new();

    [Fact]
    public void Decode_CtSmall_EveryPixelIsStoredValueTimesSlopePlusIntercept()
    {
        var data = File.ReadAllBytes(PydicomSamples.Path("CT_small.dcm"));
        var file = DicomFile.Parse(data);
        var stored = new DicomPixelDecoder().DecodeFrame(file, 0);
        var slope = file.Dataset.GetDouble(DicomTags.RescaleSlope)!.Value;
        var intercept = file.Dataset.GetDouble(DicomTags.RescaleIntercept)!.Value;
        var image = _decoder.Decode(data, new DecodeOptions());
        Assert.True(image.Metadata.IsHounsfield);
        Assert.Equal("CT", image.Metadata.Modality);
        Assert.Equal("dicom", image.Metadata.SourceFormat);
        Assert.Equal(128, image.Width);
        // Every pixel, not one: stored (signed 16-bit) × slope + intercept.
        Assert.Equal(1, file.Dataset.GetDouble(DicomTags.PixelRepresentation));
        Assert.Equal(stored.Data.Length / 2, image.Pixels.Length);
        var expected = Enumerable.Range(0, image.Pixels.Length).Select(i => (float)(BitConverter.ToInt16(stored.Data, i * 2) * slope + intercept));
        Assert.Equal(expected, image.Pixels);
        Assert.NotEqual(0, intercept);
        Assert.NotNull(image.Metadata.PixelSpacingRowMm);
    }

    [Fact]
    public void Probe_PlainDataset_ParsedOnceAndReusedByDecode()
    {
        var data = File.ReadAllBytes(PydicomSamples.Path("CT_small.dcm"));
        var probe = _decoder.Probe(data);
        Assert.NotNull(probe.DecoderState);
        Assert.Equal(0, probe.InflatedBytes);

        var reused = _decoder.Decode(data, new DecodeOptions { Probe = probe });
        var fresh = _decoder.Decode(data, new DecodeOptions());
        Assert.Equal(fresh.Pixels, reused.Pixels);
    }

    [Fact]
    public void Probe_Deflated_StreamsTheHeaderAndCountsTheInflatedSize_DecodeStillWorks()
    {
        var data = File.ReadAllBytes(PydicomSamples.Path("image_dfl.dcm"));
        var probe = _decoder.Probe(data);
        Assert.Null(probe.DecoderState); // inflated for real only when decoding, after admission
        Assert.True(probe.InflatedBytes > probe.Width * probe.Height, $"inflated {probe.InflatedBytes}");

        var image = _decoder.Decode(data, new DecodeOptions { Probe = probe });
        Assert.Equal(probe.Width, image.Width);
        Assert.Equal(probe.Height, image.Height);
    }

    [Fact]
    public void ProbeAndDecode_DeflatedBeyondTheCap_RefusedNamingTheLimit()
    {
        var data = File.ReadAllBytes(PydicomSamples.Path("image_dfl.dcm"));
        var capped = new DicomImageDecoder(parse: new DicomParseOptions { MaxInflatedBytes = 10 * 1024 });

        var probe = Assert.Throws<ImageDecodeException>(() => capped.Probe(data));
        var decode = Assert.Throws<ImageDecodeException>(() => capped.Decode(data, new DecodeOptions()));

        Assert.Contains("inflates beyond", probe.Message, StringComparison.Ordinal);
        Assert.Contains("the limit for an inflated dataset", decode.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Probe_MultiFrame_ReadsHeaderOnly()
    {
        var data = File.ReadAllBytes(PydicomSamples.Path("SC_rgb_rle_2frame.dcm"));
        var probe = _decoder.Probe(data);
        Assert.Equal(2, probe.Frames);
        Assert.Equal(3, probe.Channels);
        Assert.True(_decoder.CanDecode(data.AsSpan(0, 132)));
    }

    [Fact]
    public void Decode_NoFrameIndex_TakesMiddleFrame()
    {
        var data = File.ReadAllBytes(PydicomSamples.Path("rtdose.dcm"));
        var image = _decoder.Decode(data, new DecodeOptions());
        Assert.Equal(image.Metadata.FrameCount / 2, image.Metadata.FrameIndex);
        Assert.Throws<ImageDecodeException>(() => _decoder.Decode(data, new DecodeOptions { FrameIndex = 999 }));
    }

    [Fact]
    public void Decode_YbrFull422Native_DeliversRgb()
    {
        var image = _decoder.Decode(File.ReadAllBytes(PydicomSamples.Path("SC_ybr_full_422_uncompressed.dcm")), new DecodeOptions());
        var rgb = _decoder.Decode(File.ReadAllBytes(PydicomSamples.Path("SC_rgb.dcm".Replace("SC_rgb.dcm", "SC_rgb_rle.dcm", StringComparison.Ordinal))), new DecodeOptions());
        Assert.Equal(3, image.Channels);
        Assert.Equal("RGB", image.Metadata.PhotometricInterpretation);
        Assert.Equal(rgb.Width, image.Width);
        // Same picture as the RGB sample: chroma subsampling costs a few levels, not more.
        var mean = image.Pixels.Zip(rgb.Pixels, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(mean < 3, $"mean difference {mean}");
    }

    [Fact]
    public void Decode_Monochrome1_IsNotInverted()
    {
        var file = DicomFile.Open(PydicomSamples.Path("CT_small.dcm"));
        file.Dataset.SetString(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME1");
        using var ms = new MemoryStream();
        DicomWriter.Write(file, ms);
        var image = _decoder.Decode(ms.ToArray(), new DecodeOptions());
        var plain = _decoder.Decode(File.ReadAllBytes(PydicomSamples.Path("CT_small.dcm")), new DecodeOptions());
        Assert.Equal("MONOCHROME1", image.Metadata.PhotometricInterpretation);
        Assert.Equal(plain.Pixels, image.Pixels);
    }

    [Fact]
    public void Decode_Metadata_HoldsNoIdentifyingText()
    {
        var data = File.ReadAllBytes(PydicomSamples.Path("CT_small.dcm"));
        var ds = DicomFile.Parse(data).Dataset;
        var metadataText = _decoder.Decode(data, new DecodeOptions()).Metadata.ToString();
        foreach (var tag in new[] { DicomTags.PatientName, DicomTags.PatientId, DicomTags.PatientBirthDate, DicomTags.StudyInstanceUid, DicomTags.SopInstanceUid, DicomTags.InstitutionName })
        {
            var value = ds.GetString(tag);
            if (!string.IsNullOrWhiteSpace(value))
            {
                Assert.DoesNotContain(value, metadataText, StringComparison.Ordinal);
            }
        }
    }
}
