using System.Globalization;
using MedicalImaging.Imaging;
using OpenCvSharp;

namespace MedicalImaging.Dicom.Tests;

/// <summary>VOI LUT Sequence (PS3.3 C.11.2) in the PNG rendering and the decoder's display hints, against dcm2pnm.</summary>
[Collection(CorpusCollection.Name)]
public sealed class VoiLutTests(CorpusFixture corpus)
{
    private readonly DicomImageDecoder _decoder = new();

    [Fact]
    public void Render_VoiLutWithoutWindow_EqualsDcm2pnmUsingTheLut()
    {
        var path = WithGammaLut("voi_only.dcm");
        var bytes = File.ReadAllBytes(path);
        var image = _decoder.Decode(bytes, new DecodeOptions { FrameIndex = 0 });
        var lut = DicomVoiLuts.Of(image);
        Assert.NotNull(lut);
        Assert.Equal(1000, lut.FirstMapped);
        Assert.Equal("gamma 0.5", lut.Explanation);

        // Below the first mapped value: entry 0; above the last: the last entry (clamped at both ends).
        Assert.Equal(0, lut.Lookup(0));
        Assert.Equal(0, lut.Lookup(1000));
        Assert.Equal(255, lut.Lookup(2023));
        Assert.Equal(255, lut.Lookup(4095));

        // Display hint: the LUT's rising span as a linear window, not min/max (the gamma curve reaches 255 at entry 1019).
        Assert.Equal(1020, image.Metadata.WindowWidth);
        Assert.Equal(1509.5, image.Metadata.WindowCenter);

        var ours = ReadGrey(DicomPngRenderer.Render(image), ".png");
        var theirs = Dcm2Pnm(path, "+Wl", "1");
        AssertClose(ours, theirs, "VOI LUT");
    }

    [Fact]
    public void Render_WindowAndVoiLut_TheWindowWins()
    {
        var path = WithGammaLut("voi_and_window.dcm", "-i", "(0028,1050)=1500", "-i", "(0028,1051)=1000");
        var image = _decoder.Decode(File.ReadAllBytes(path), new DecodeOptions { FrameIndex = 0 });
        Assert.Null(DicomVoiLuts.Of(image));
        Assert.Equal(1500, image.Metadata.WindowCenter);

        var ours = ReadGrey(DicomPngRenderer.Render(image), ".png");
        var lut = ReadGrey(DicomPngRenderer.Render(image, VoiLut.FromDataset(DicomFile.Open(path).Dataset, false)), ".png");
        var window = Dcm2Pnm(path, "+Wi", "1");
        // dcmtk's window is PS3.3's (c - 0.5 ± (w - 1) / 2); ours is c ± w / 2: a level or two apart at most.
        AssertClose(ours, window, "window", tolerance: 2);
        Assert.True(lut.Zip(window).Any(p => Math.Abs(p.First - p.Second) > 8), "the LUT rendering should differ from the window's");
    }

    private string WithGammaLut(string name, params string[] extra)
    {
        var path = Path.Combine(corpus.Directory, name);
        File.Copy(corpus.NativeOf("m12u"), path, overwrite: true);
        var lutFile = path + ".lut";
        File.WriteAllBytes(lutFile, Enumerable.Range(0, 1024)
            .SelectMany(i => BitConverter.GetBytes((ushort)Math.Round(255 * Math.Sqrt(i / 1023.0)))).ToArray());
        var (exit, _, stderr) = Tools.Run("dcmodify", ["-nb", "-i", @"(0028,3010)[0].(0028,3002)=1024\1000\8",
            "-if", "(0028,3010)[0].(0028,3006)=" + lutFile, "-i", "(0028,3010)[0].(0028,3003)=gamma 0.5", .. extra, path]);
        Assert.True(exit == 0, stderr);
        return path;
    }

    private static byte[] Dcm2Pnm(string path, params string[] voi)
    {
        var output = path + string.Join("", voi) + ".pgm";
        var (exit, _, stderr) = Tools.Run("dcm2pnm", [.. voi, path, output]);
        Assert.True(exit == 0, stderr);
        return ReadGrey(File.ReadAllBytes(output), ".pgm");
    }

    /// <summary>8-bit grey samples of a PNG or PGM (16-bit PNG scaled down by 257).</summary>
    private static byte[] ReadGrey(byte[] encoded, string kind)
    {
        using var mat = Cv2.ImDecode(encoded, ImreadModes.Unchanged);
        Assert.False(mat.Empty(), $"could not read the {kind}");
        Assert.Equal(1, mat.Channels());
        if (mat.Depth() == MatType.CV_16U)
        {
            return mat.AsSpan<ushort>().ToArray().Select(v => (byte)Math.Round(v / 257.0)).ToArray();
        }

        return mat.AsSpan<byte>().ToArray();
    }

    private static void AssertClose(byte[] ours, byte[] theirs, string what, int tolerance = 1)
    {
        Assert.Equal(theirs.Length, ours.Length);
        var max = ours.Zip(theirs).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(max <= tolerance, string.Create(CultureInfo.InvariantCulture, $"{what}: max difference {max} against dcm2pnm"));
    }
}
