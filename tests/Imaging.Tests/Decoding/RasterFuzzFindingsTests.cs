using MedicalImaging.Imaging.Decoding;

namespace MedicalImaging.Imaging.Tests.Decoding;

/// <summary>
/// Hangs the fuzzer found on the PNG path (fuzz/crashes/raster): 1–3 KB PNGs whose IDAT chunk claims 0.8–4 GB kept
/// OpenCV's reader busy 5–30 s each. They must be refused from the chunk structure, before OpenCV sees them.
/// </summary>
public sealed class RasterFuzzFindingsTests
{
    private readonly RasterImageDecoder _decoder = new();

    [Theory]
    [InlineData("idat-claims-4gb.png")]
    [InlineData("idat-claims-800mb.png")]
    [InlineData("idat-claims-3gb.png")]
    public void Decode_ChunkLengthPastTheEnd_ThrowsImageDecodeException(string name)
    {
        var data = File.ReadAllBytes(Path.Combine(RepoRoot(), "fuzz", "crashes", "raster", name));

        var error = Assert.Throws<ImageDecodeException>(() => _decoder.Decode(data, new DecodeOptions()));

        Assert.Contains("Truncated PNG", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_PngWithBytesAfterIend_StillDecodes()
    {
        using var image = new OpenCvSharp.Mat(8, 8, OpenCvSharp.MatType.CV_8UC1, OpenCvSharp.Scalar.All(7));
        byte[] data = [.. image.ImEncode(".png"), .. "trailing junk"u8];

        Assert.Equal(7f, _decoder.Decode(data, new DecodeOptions()).Pixels[0]);
    }

    private static string RepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MedicalImaging.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("MedicalImaging.sln not found above the test binaries");
    }
}
