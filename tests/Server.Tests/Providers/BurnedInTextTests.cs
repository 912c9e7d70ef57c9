using System.Text.RegularExpressions;
using Google.Protobuf;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Server.Redaction;
using MedicalImaging.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using OpenCvSharp;

namespace MedicalImaging.Server.Tests.Providers;

/// <summary>
/// Burned-in text through a real server and fake providers (real HTTP servers recording bodies): the
/// image a provider receives is decoded from its request and read by the `tesseract` CLI.
/// REDACT_BURNED_IN_TEXT auto/always/never, (0028,0301), and no OCR when local answers alone.
/// </summary>
public sealed partial class BurnedInTextTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("medimg-burned-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Analyze_UltrasoundWithBurnedInName_ProviderReceivesNoReadableText()
    {
        await using var h = await ChainHarness.StartAsync();

        var report = (await h.AnalyzeAsync(UltrasoundRequest())).Report;

        var sent = Assert.Single(SentImages(h));
        Assert.Empty(TesseractOracle.ReadableTokens(sent, BurnedInTextImages.PlantedTokens));
        Assert.Equal(1, Preparer(h).ImagesRead);
        Assert.Contains(report.Limitations, l => l.StartsWith("Burned-in text blanked in image 0 (", StringComparison.Ordinal));
        Assert.Equal("gemini", report.Provenance.Provider);
    }

    [Fact]
    public async Task Analyze_NeverMode_ProviderReceivesTheTextUnchanged()
    {
        await using var h = await ChainHarness.StartAsync(new() { ["REDACT_BURNED_IN_TEXT"] = "never" });

        var report = (await h.AnalyzeAsync(UltrasoundRequest())).Report;

        // The control for the test above: the oracle reads the planted identifiers when nothing is blanked.
        var sent = Assert.Single(SentImages(h));
        Assert.NotEmpty(TesseractOracle.ReadableTokens(sent, BurnedInTextImages.PlantedTokens));
        Assert.Equal(0, Preparer(h).ImagesRead);
        Assert.Contains(report.Limitations, l => l.Contains("sent without a burned-in text check (REDACT_BURNED_IN_TEXT=never)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Analyze_LocalProviderOnly_RunsNoOcr()
    {
        await using var server = await RunningServer.StartAsync();
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(server.GrpcAddress);
        var client = new ImagingService.ImagingServiceClient(channel);
        var auth = new Grpc.Core.Metadata { { "authorization", "Bearer " + server.IssueToken("local-only") } };

        var report = await client.AnalyzeToReportAsync(UltrasoundRequest(), auth);

        Assert.Equal("local", report.Provenance.Provider);
        Assert.Equal(0, server.Services.GetRequiredService<OutboundImagePreparer>().ImagesRead);
        Assert.DoesNotContain(report.Limitations, l => l.Contains("burned-in", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Analyze_CtFlaggedNoInAutoMode_IsSentWithoutOcr()
    {
        await using var h = await ChainHarness.StartAsync();

        var report = (await h.AnalyzeAsync(CtRequest("NO"))).Report;

        Assert.Single(SentImages(h));
        Assert.Equal(0, Preparer(h).ImagesRead);
        Assert.Contains(report.Limitations, l => l.Contains("sent without a burned-in text check (CT with Burned In Annotation = NO)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Analyze_CtWithoutFlagInAutoMode_IsRead()
    {
        await using var h = await ChainHarness.StartAsync();

        var report = (await h.AnalyzeAsync(CtRequest(null))).Report;

        Assert.Equal(1, Preparer(h).ImagesRead);
        Assert.Contains(report.Limitations, l => l.Contains("Image 0 was read for burned-in text", StringComparison.Ordinal)
            || l.StartsWith("Burned-in text blanked in image 0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Analyze_AlwaysMode_ReadsCtFlaggedNo()
    {
        await using var h = await ChainHarness.StartAsync(new() { ["REDACT_BURNED_IN_TEXT"] = "always" });

        await h.AnalyzeAsync(CtRequest("NO"));

        Assert.Single(SentImages(h));
        Assert.Equal(1, Preparer(h).ImagesRead);
    }

    [Fact]
    public async Task Start_BadMode_FailsNamingTheVariable()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunningServer.StartAsync(new Dictionary<string, string?> { ["REDACT_BURNED_IN_TEXT"] = "sometimes" }));

        Assert.Contains("REDACT_BURNED_IN_TEXT=sometimes must be auto, always or never", error.Message, StringComparison.Ordinal);
    }

    private static OutboundImagePreparer Preparer(ChainHarness h) => h.Server.Services.GetRequiredService<OutboundImagePreparer>();

    /// <summary>The PNGs the vision providers received, decoded from the recorded request bodies.</summary>
    private static List<byte[]> SentImages(ChainHarness h) =>
        h.Gemini.Requests.Concat(h.OpenRouter.Requests).Concat(h.Groq.Requests)
            .SelectMany(r => ImagePart().Matches(r.Body).Select(m => Convert.FromBase64String(m.Groups[1].Value)))
            .ToList();

    private static AnalyzeRequest UltrasoundRequest()
    {
        // Over the sector: the ultrasound preprocessing already blanks UI text outside it, so only text
        // burned into the scan area itself can reach a provider (bold enough to survive its median filter).
        using var image = BurnedInTextImages.Ultrasound(0.8, new Point(100, 430), new Point(180, 200));
        var request = Calls.Request(image.ImEncode(".png"));
        request.Images[0].Filename = "us.png";
        request.Images[0].ModalityHint = "US";
        return request;
    }

    /// <summary>A 256² CT slice made by GDCM's gdcmimg, Modality and (0028,0301) set by dcmtk's dcmodify.</summary>
    private AnalyzeRequest CtRequest(string? burnedInAnnotation)
    {
        const int size = 256;
        var raw = new byte[size * size * 2];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var inside = Math.Pow((x - 128) / 110.0, 2) + Math.Pow((y - 128) / 95.0, 2) <= 1;
                BitConverter.TryWriteBytes(raw.AsSpan(((y * size) + x) * 2), (short)((inside ? 40 : -1000) + 1024));
            }
        }

        var rawPath = Path.Combine(_directory, $"ct-{burnedInAnnotation}.raw");
        var dcm = Path.Combine(_directory, $"ct-{burnedInAnnotation}.dcm");
        File.WriteAllBytes(rawPath, raw);
        Run("gdcmimg", "--size", "256,256", "--depth", "16", "--sign", "1", "--spp", "1", "-C", "1.2.840.10008.5.1.4.1.1.2", rawPath, dcm);
        var modify = new List<string> { "-nb", "-i", "(0008,0060)=CT", "-i", "(0018,0015)=CHEST", "-i", "(0028,1052)=-1024", "-i", "(0028,1053)=1" };
        if (burnedInAnnotation is not null)
        {
            modify.AddRange(["-i", $"(0028,0301)={burnedInAnnotation}"]);
        }

        Run("dcmodify", [.. modify, dcm]);
        var request = new AnalyzeRequest();
        request.Images.Add(new ImageInput { Filename = "ct.dcm", Content = ByteString.CopyFrom(File.ReadAllBytes(dcm)) });
        return request;
    }

    private static void Run(string tool, params string[] args) => ExternalTool.Run(tool, args);

    [GeneratedRegex("data:image/png;base64,([A-Za-z0-9+/=]+)")]
    private static partial Regex ImagePart();
}
