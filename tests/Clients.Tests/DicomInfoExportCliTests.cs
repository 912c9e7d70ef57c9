using System.Text.Json;
using MedicalImaging.Tests.Support;

namespace MedicalImaging.Clients.Tests;

/// <summary>Real `medimg dicom info` and `medimg dicom export` command lines over a dcmtk-made file with known pixels.</summary>
public sealed class DicomInfoExportCliTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("medimg-dicom-cli-").FullName;

    // A 2×2 24-bit BMP, bottom row first, each pixel BGR: file row 0 = the image's bottom row.
    private static readonly byte[][] BmpRows = [[1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12]];

    // What the stored RGB values must be, top row first.
    private static readonly byte[] ExpectedRgb = [9, 8, 7, 12, 11, 10, 3, 2, 1, 6, 5, 4];

    [Fact]
    public async Task DicomInfoJson_ImgToDcmFile_ReportsItsGeometryAndPixelFormat()
    {
        var file = MakeDicom("info.dcm");
        var (code, stdout, stderr) = await Medimg.RunAsync(Env(), null, "dicom", "info", file, "--json");
        Assert.True(code == 0, stderr);

        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("rows").GetInt32());
        Assert.Equal(2, root.GetProperty("columns").GetInt32());
        Assert.Equal(3, root.GetProperty("samples_per_pixel").GetInt32());
        Assert.Equal(8, root.GetProperty("bits_allocated").GetInt32());
        Assert.Equal("RGB", root.GetProperty("photometric_interpretation").GetString());
        Assert.Equal(1, root.GetProperty("number_of_frames").GetInt32());
        Assert.StartsWith("1.2.840.10008.1.2", root.GetProperty("transfer_syntax_uid").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DicomInfoText_ImgToDcmFile_OneLinePerFact()
    {
        var file = MakeDicom("text.dcm");
        var (code, stdout, stderr) = await Medimg.RunAsync(Env(), null, "dicom", "info", file);
        Assert.True(code == 0, stderr);
        Assert.Matches(@"(?m)^rows\s+2\s*$", stdout);
        Assert.Matches(@"(?m)^photometric_interpretation\s+RGB\s*$", stdout);
    }

    [Fact]
    public async Task DicomExportRaw_WritesTheStoredRgbValuesTopRowFirst()
    {
        var file = MakeDicom("raw.dcm");
        var output = Path.Combine(_work, "frame.raw");
        var (code, _, stderr) = await Medimg.RunAsync(Env(), null, "dicom", "export", file, "--format", "raw", "-o", output);
        Assert.True(code == 0, stderr);
        Assert.Equal(ExpectedRgb, File.ReadAllBytes(output));
        Assert.Contains("wrote frame 0 of 1", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DicomExportPng_WritesAPngOfTheImagesSize()
    {
        var file = MakeDicom("png.dcm");
        var output = Path.Combine(_work, "frame.png");
        var (code, _, stderr) = await Medimg.RunAsync(Env(), null, "dicom", "export", file, "--format", "png", "-o", output);
        Assert.True(code == 0, stderr);
        var png = File.ReadAllBytes(output);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Equal(2, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16))); // IHDR width
        Assert.Equal(2, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))); // IHDR height
    }

    [Fact]
    public async Task DicomExport_FrameTheFileDoesNotHave_ExitsUsageNamingTheFrames()
    {
        var file = MakeDicom("frames.dcm");
        var output = Path.Combine(_work, "none.raw");
        var (code, _, stderr) = await Medimg.RunAsync(Env(), null, "dicom", "export", file, "--frame", "3", "-o", output);
        Assert.Equal(1, code);
        Assert.Contains("the file has 1 frame(s)", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("info")]
    [InlineData("export")]
    public async Task Dicom_MissingOrNotDicomFile_ExitsBadInput(string command)
    {
        var notDicom = Path.Combine(_work, "notes.dcm");
        File.WriteAllText(notDicom, "this is not a DICOM file at all, just some text long enough to hold a preamble and more");
        string[] extra = command == "export" ? ["-o", Path.Combine(_work, "x.raw")] : [];

        var missing = await Medimg.RunAsync(Env(), null, ["dicom", command, Path.Combine(_work, "missing.dcm"), .. extra]);
        Assert.Equal(2, missing.ExitCode);
        Assert.NotEmpty(missing.Stderr);

        var garbage = await Medimg.RunAsync(Env(), null, ["dicom", command, notDicom, .. extra]);
        Assert.Equal(2, garbage.ExitCode);
        Assert.NotEmpty(garbage.Stderr);
    }

    [Fact]
    public async Task DicomExport_NoOutput_ExitsUsage()
    {
        var file = MakeDicom("noout.dcm");
        var (code, _, stderr) = await Medimg.RunAsync(Env(), null, "dicom", "export", file);
        Assert.Equal(1, code);
        Assert.Contains("--output", stderr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private Dictionary<string, string?> Env() => new() { ["HOME"] = _work, ["XDG_DATA_HOME"] = Path.Combine(_work, "xdg") };

    private string MakeDicom(string name) => TwoByTwoDicom.Write(_work, name, BmpRows);
}
