using System.Diagnostics;
using Google.Protobuf;
using MedicalImaging.Contracts.V1;

using MedicalImaging.Tests.Support;

namespace MedicalImaging.Server.Tests.Providers;

/// <summary>
/// A real CT DICOM (made by GDCM's gdcmimg, identifying attributes set by dcmtk's dcmodify) through
/// the whole pipeline: decoded in Hounsfield units (rescale slope and intercept applied), and nothing that identifies the patient reaches a
/// provider or PubMed.
/// </summary>
public sealed class DicomAnalysisTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("medimg-dicom-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Run(string tool, params string[] args) => ExternalTool.Run(tool, args);

    /// <summary>The phantom's HU at (x, y): air outside, a soft-tissue body, two lungs, a bone disc.</summary>
    private static int Hounsfield(int x, int y)
    {
        double Dist(double cx, double cy, double rx, double ry) => Math.Pow((x - cx) / rx, 2) + Math.Pow((y - cy) / ry, 2);
        var hu = -1000;
        if (Dist(128, 128, 115, 100) <= 1) { hu = 40; }
        if (Dist(85, 120, 30, 60) <= 1 || Dist(171, 120, 30, 60) <= 1) { hu = -800; }
        if (Dist(128, 200, 14, 14) <= 1) { hu = 1000; }
        return hu;
    }

    /// <summary>256² CT slice of <see cref="Hounsfield"/>, stored = (HU + 2048) / 2 with rescale slope 2 and
    /// intercept −2048: a reader that ignored the slope would see no body at all (every pixel below −500 HU).</summary>
    private byte[] MakeCt()
    {
        const int size = 256;
        var raw = new byte[size * size * 2];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                BitConverter.TryWriteBytes(raw.AsSpan((y * size + x) * 2), (short)((Hounsfield(x, y) + 2048) / 2));
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
            "-i", "(0028,1052)=-2048", "-i", "(0028,1053)=2",
            "-i", "(0008,1030)=CT CHEST for Doe John",
            dcm);
        return File.ReadAllBytes(dcm);
    }

    [Fact]
    public async Task Analyze_CtDicomWithRescaleSlope_TissueFractionsMatchThePhantomsHounsfieldValues_NoIdentifierLeavesTheProcess()
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
        // The tissue classes are HU ranges (air/lung < −400, soft tissue −30..150, bone 300..2500): their fractions of
        // the body match the phantom only if the server applied slope 2 and intercept −2048.
        var (body, lung, bone) = (0, 0, 0);
        for (var y = 0; y < 256; y++)
        {
            for (var x = 0; x < 256; x++)
            {
                var hu = Hounsfield(x, y);
                body += hu > -1000 ? 1 : 0;
                lung += hu == -800 ? 1 : 0;
                bone += hu == 1000 ? 1 : 0;
            }
        }

        Assert.Equal(body / 65536.0, image.Measurements["ct_body_fraction"], 0.01);
        Assert.Equal(lung / (double)body, image.Measurements["ct_fraction_air_lung"], 0.01);
        Assert.Equal(bone / (double)body, image.Measurements["ct_fraction_bone"], 0.005);
        Assert.Equal((body - lung - bone) / (double)body, image.Measurements["ct_fraction_soft_tissue"], 0.01);
        Assert.Equal(0, image.Measurements["ct_fraction_fat"], 0.001);
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
