using System.Diagnostics;
using Google.Protobuf;
using MedicalImaging.Contracts.V1;

namespace MedicalImaging.Server.Tests.Providers;

/// <summary>
/// A real CT DICOM (made by GDCM's gdcmimg, identifying attributes set by dcmtk's dcmodify) through
/// the whole pipeline: decoded in Hounsfield units, and nothing that identifies the patient reaches a
/// provider or PubMed.
/// </summary>
public sealed class DicomAnalysisTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("medimg-dicom-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"{tool} is missing: run scripts/install-deps.sh (apt packages dcmtk, libgdcm-tools).", ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEnd();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? stdout : throw new InvalidOperationException($"{tool} failed: {stderr}");
        }
    }

    /// <summary>256² CT slice: air outside, soft-tissue body, two lungs, a bone disc; stored = HU + 1024.</summary>
    private byte[] MakeCt()
    {
        const int size = 256;
        var raw = new byte[size * size * 2];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                double Dist(double cx, double cy, double rx, double ry) => Math.Pow((x - cx) / rx, 2) + Math.Pow((y - cy) / ry, 2);
                var hu = -1000;
                if (Dist(128, 128, 115, 100) <= 1) { hu = 40; }
                if (Dist(85, 120, 30, 60) <= 1 || Dist(171, 120, 30, 60) <= 1) { hu = -800; }
                if (Dist(128, 200, 14, 14) <= 1) { hu = 1000; }
                BitConverter.TryWriteBytes(raw.AsSpan((y * size + x) * 2), (short)(hu + 1024));
            }
        }

        var rawPath = Path.Combine(_directory, "ct.raw");
        var dcm = Path.Combine(_directory, "ct.dcm");
        File.WriteAllBytes(rawPath, raw);
        Run("gdcmimg", "--size", "256,256", "--depth", "16", "--sign", "1", "--spp", "1", "-C", "1.2.840.10008.5.1.4.1.1.2", rawPath, dcm);
        Run("dcmodify", "-nb",
            "-i", "(0010,0010)=Doe^John", "-i", "(0010,0020)=MRN998877", "-i", "(0010,0030)=19610503",
            "-i", "(0008,0050)=ACC12345", "-i", "(0008,0080)=General Hospital", "-i", "(0008,0090)=Dr^Who",
            "-i", "(0008,0060)=CT", "-i", "(0018,0015)=CHEST",
            "-i", "(0028,1052)=-1024", "-i", "(0028,1053)=1",
            "-i", "(0008,1030)=CT CHEST for Doe John",
            dcm);
        return File.ReadAllBytes(dcm);
    }

    [Fact]
    public async Task CtDicom_DecodedInHounsfield_NoIdentifierLeavesTheProcess()
    {
        var dicom = MakeCt();
        var studyUid = Run("dcmdump", "+P", "StudyInstanceUID", Path.Combine(_directory, "ct.dcm")).Split('[', ']')[1];
        await using var h = await ChainHarness.StartAsync(literature: true);
        var request = new AnalyzeRequest();
        request.Images.Add(new ImageInput { Filename = "ct.dcm", Content = ByteString.CopyFrom(dicom) });
        var report = (await h.AnalyzeAsync(request)).Report;

        var image = Assert.Single(report.Images);
        Assert.Equal("dicom", image.Format);
        Assert.Equal("CT", image.Modality);
        Assert.Equal("CHEST", image.BodyPart);
        Assert.Contains(image.Measurements.Keys, k => k.Contains("lung", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("lung", image.Preprocessing["window"], StringComparison.OrdinalIgnoreCase);

        var outbound = h.Gemini.Requests.Concat(h.OpenRouter.Requests).Concat(h.Groq.Requests).Concat(h.PubMed.Requests)
            .Select(r => r.PathAndQuery + "\n" + System.Text.RegularExpressions.Regex.Replace(r.Body, "data:image/png;base64,[A-Za-z0-9+/=]+", "<image>"))
            .ToList();
        Assert.NotEmpty(outbound);
        foreach (var text in outbound)
        {
            foreach (var identifier in new[] { "Doe", "MRN998877", "19610503", "ACC12345", "General Hospital", "Who", studyUid, "ct.dcm" })
            {
                Assert.DoesNotContain(identifier, text, StringComparison.OrdinalIgnoreCase);
            }
        }
    }
}
