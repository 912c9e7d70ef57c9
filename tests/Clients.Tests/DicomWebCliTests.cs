using System.Diagnostics;
using MedicalImaging.Tests.Support;

namespace MedicalImaging.Clients.Tests;

/// <summary>medimg dicomweb store / search as real command lines against a real server's REST port.</summary>
public sealed class DicomWebCliTests : IAsyncLifetime
{
    private const string Study = "1.2.826.0.1.3680043.8.498.5151";
    private RunningServer _server = null!;
    private string _work = null!;

    public async Task InitializeAsync()
    {
        _server = await RunningServer.StartAsync();
        _work = Directory.CreateTempSubdirectory("medimg-cli-dicomweb-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    private Dictionary<string, string?> Env() => new()
    {
        ["MEDIMG_REST_URL"] = _server.HttpAddress.ToString(),
        ["MEDIMG_TOKEN"] = _server.IssueToken("cli-dicomweb"),
    };

    private string Instance(string sop)
    {
        var jpeg = Path.Combine(_work, sop + ".jpg");
        var dcm = Path.Combine(_work, sop + ".dcm");
        File.WriteAllBytes(jpeg, TestImages.ChestPhantomJpeg(64));
        Tool("img2dcm", jpeg, dcm);
        Tool("dcmodify", "-nb", "-i", $"(0020,000D)={Study}", "-i", $"(0020,000E)={Study}.1", "-i", $"(0008,0018)={sop}",
            "-i", "(0010,0020)=CLI-PATIENT", "-i", "(0008,0020)=20240202", "-i", "(0008,0060)=CR", dcm);
        return dcm;
    }

    [Fact]
    public async Task DicomWebStoreThenSearch_TwoFilesAndACorruptOne_Exit2ListsEachThenSearchFindsTheStudy()
    {
        var corrupt = Path.Combine(_work, "corrupt.dcm");
        await File.WriteAllTextAsync(corrupt, "not dicom");

        var (code, stdout, stderr) = await Medimg.RunAsync(Env(), null, "dicomweb", "store", Instance(Study + ".1.1"), Instance(Study + ".1.2"), corrupt);

        Assert.True(code == 2, stderr);
        Assert.Contains($"stored  {Study}.1.1", stdout);
        Assert.Contains($"stored  {Study}.1.2", stdout);
        Assert.Contains("FAILED  (unreadable part)  reason 0xC000", stdout);

        (code, stdout, stderr) = await Medimg.RunAsync(Env(), null, "dicomweb", "search", "PatientID=CLI-PATIENT", "StudyDate=20240101-20241231");
        Assert.True(code == 0, stderr);
        Assert.Equal($"{Study}  20240202  CR", stdout.Trim());

        (code, _, stderr) = await Medimg.RunAsync(Env(), null, "dicomweb", "search", "NoSuchKey=1");
        Assert.Equal(2, code);
        Assert.Contains("NoSuchKey", stderr);
    }

    private static void Tool(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start (apt-get install dcmtk)");
        var stderr = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} failed: {stderr}");
    }
}
