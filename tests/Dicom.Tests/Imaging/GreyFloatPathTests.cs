using System.Globalization;
using MedicalImaging.Imaging;

namespace MedicalImaging.Dicom.Tests;

/// <summary>
/// The pipeline's direct path for native grey frames (normalise + rescale in one vectorised pass from the file's bytes)
/// gives exactly what decoding stored values and rescaling them gives.
/// </summary>
[Collection(CorpusCollection.Name)]
public sealed class GreyFloatPathTests(CorpusFixture corpus)
{
    private readonly DicomImageDecoder _decoder = new();

    public static readonly TheoryData<string> PydicomGrey = new()
    {
        "CT_small.dcm", "MR_small.dcm", "MR_small_bigendian.dcm", "MR_small_padded.dcm", "liver_1frame.dcm", "rtdose_1frame.dcm",
    };

    [Theory]
    [MemberData(nameof(PydicomGrey))]
    public void Decode_PydicomGreySample_EqualsStoredValuesRescaled(string name) =>
        AssertSameAsStoredPath(File.ReadAllBytes(PydicomSamples.Path(name)), name);

    [Theory]
    [InlineData("m8")]
    [InlineData("m12u")]
    [InlineData("m12s")]
    [InlineData("m16u")]
    [InlineData("m16s")]
    public void Decode_CorpusGrey_EqualsStoredValuesRescaledOnEveryFrame(string baseName) =>
        AssertSameAsStoredPath(File.ReadAllBytes(corpus.NativeOf(baseName)), baseName);

    [Theory]
    [InlineData("m12u", 13, 0)] // 12 bits stored at bits 2..13: shifted down
    [InlineData("m12s", 14, 1)] // signed, bits 3..14
    public void Decode_HighBitAboveBitsStored_ShiftsAndSignExtendsLikeTheStoredPath(string baseName, int highBit, int pixelRepresentation)
    {
        var path = Path.Combine(corpus.Directory, string.Create(CultureInfo.InvariantCulture, $"{baseName}_hb{highBit}.dcm"));
        File.Copy(corpus.NativeOf(baseName), path, overwrite: true);
        var (exit, _, stderr) = Tools.Run("dcmodify", "-nb", "-m", string.Create(CultureInfo.InvariantCulture, $"(0028,0102)={highBit}"),
            "-m", string.Create(CultureInfo.InvariantCulture, $"(0028,0103)={pixelRepresentation}"),
            "-i", "(0028,1053)=0.5", "-i", "(0028,1052)=-100", path);
        Assert.True(exit == 0, stderr);
        AssertSameAsStoredPath(File.ReadAllBytes(path), Path.GetFileName(path));
    }

    private void AssertSameAsStoredPath(byte[] data, string name)
    {
        var file = DicomFile.Parse(data);
        var stored = new DicomPixelDecoder();
        for (var f = 0; f < PixelDataInfo.FromFile(file).Frames; f++)
        {
            var image = _decoder.Decode(data, new DecodeOptions { FrameIndex = f });
            var expected = DicomFrameRenderer.ToDecodedImage(file.Dataset, stored.DecodeFrame(file, f));
            Assert.Equal(expected.Width, image.Width);
            Assert.Equal(expected.Metadata, image.Metadata);
            Assert.True(expected.Pixels.AsSpan().SequenceEqual(image.Pixels), $"{name} frame {f}: float pixels differ");
        }
    }
}
