using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Server.Tests.Privacy;
using MedicalImaging.Server.Tests.Providers;
using MedicalImaging.Tests.Support.Fakes;

namespace MedicalImaging.Server.Tests.Export;

/// <summary>
/// Located findings and export end to end on a real Kestrel: a dcmtk-made DICOM with known UIDs is analysed with a fake
/// provider (real HTTP) that reports a region; the report carries the region and the source frame, the UIDs reach no
/// provider, and the report downloads as SR / FHIR / JSON for its owner only.
/// </summary>
public sealed class ExportEndpointTests
{
    private const string StudyUid = "1.2.826.0.1.3680043.8.498.77001";
    private const string SeriesUid = "1.2.826.0.1.3680043.8.498.77002";
    private const string SopUid = "1.2.826.0.1.3680043.8.498.77003";

    private static readonly (string Tag, string Value)[] Planted =
    [
        ("0020,000D", StudyUid), ("0020,000E", SeriesUid), ("0008,0018", SopUid), ("0008,0060", "CR"), ("0018,0015", "CHEST"),
    ];

    [Fact]
    public async Task Analyze_DicomWithProviderRegion_FindingCarriesRegionAndSourceFrame_UidsReachNoProvider()
    {
        var embeddings = await FakeEmbeddings.StartAsync();
        await using var _ = embeddings;
        await using var h = await ChainHarness.StartAsync(embeddings.ServerSettings());
        var request = new AnalyzeRequest();
        request.Images.Add(new ImageInput { Filename = "chest.dcm", Content = ByteString.CopyFrom(PatientDicom.Make(Planted)) });

        var report = (await h.AnalyzeAsync(request)).Report;
        await h.Client.SendChatMessageAsync(new SendChatMessageRequest { ReportId = report.Id, Message = "Where is the opacity?" }, h.Auth);

        Assert.Equal("gemini", report.Provenance.Provider);
        var located = Assert.Single(report.Findings, f => f.Region is not null && f.Source == "gemini");
        Assert.Equal(SopUid, located.SourceImage.SopInstanceUid);
        Assert.Equal(SeriesUid, located.SourceImage.SeriesInstanceUid);
        Assert.Equal(StudyUid, located.SourceImage.StudyInstanceUid);
        Assert.Equal(1, located.SourceImage.FrameNumber);
        Assert.Equal(SopUid, report.Images[0].Dicom.SopInstanceUid);
        Assert.InRange(located.Region.X, 0.2, 0.3); // the provider said 0.25 on an uncropped image
        Assert.NotEmpty(embeddings.Requests);
        Assert.True(h.Gemini.Requests.Count >= 3, "vision, report writer and chat all called the provider");
        var outbound = OutboundBodies.Of(h.Gemini.Requests.Concat(h.OpenRouter.Requests).Concat(h.Groq.Requests).Concat(embeddings.Requests));
        foreach (var body in outbound)
        {
            foreach (var uid in new[] { StudyUid, SeriesUid, SopUid, "498.7700" })
            {
                Assert.DoesNotContain(uid, body, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task ExportReport_SrFhirJsonForOwner_NotFoundForAnotherUser_BadFormat400()
    {
        await using var h = await ChainHarness.StartAsync();
        var request = new AnalyzeRequest();
        request.Images.Add(new ImageInput { Filename = "chest.dcm", Content = ByteString.CopyFrom(PatientDicom.Make(Planted)) });
        var report = (await h.AnalyzeAsync(request)).Report;
        using var http = new HttpClient { BaseAddress = h.Server.HttpAddress };

        using var sr = await GetAsync(http, h, $"/api/v1/medical-imaging/report/{report.Id}/sr", "clinician");
        using var fhir = await GetAsync(http, h, $"/api/v1/medical-imaging/report/{report.Id}/fhir", "clinician");
        using var json = await GetAsync(http, h, $"/api/v1/medical-imaging/report/{report.Id}/json", "clinician");
        using var stranger = await GetAsync(http, h, $"/api/v1/medical-imaging/report/{report.Id}/sr", "someone-else");
        using var badFormat = await GetAsync(http, h, $"/api/v1/medical-imaging/report/{report.Id}/pdf", "clinician");
        var viaGrpc = await h.Client.ExportReportAsync(new ExportReportRequest { ReportId = report.Id, Format = "fhir" }, h.Auth);

        Assert.Equal(HttpStatusCode.OK, sr.StatusCode);
        Assert.Equal("application/dicom", sr.Content.Headers.ContentType?.MediaType);
        var path = Path.Combine(Path.GetTempPath(), $"medimg-sr-{Guid.NewGuid():N}.dcm");
        try
        {
            await File.WriteAllBytesAsync(path, await sr.Content.ReadAsByteArrayAsync());
            var dump = DcmtkTools.Run("dsrdump", "+Pl", "+Pu", path);
            Assert.True(dump.ExitCode == 0 && dump.Stderr.Length == 0, dump.Stderr);
            Assert.Contains(SopUid, dump.Stdout);
            Assert.Contains("SCOORD", dump.Stdout);
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Equal(HttpStatusCode.OK, fhir.StatusCode);
        Assert.Equal("application/fhir+json", fhir.Content.Headers.ContentType?.MediaType);
        var bundle = JsonDocument.Parse(await fhir.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Bundle", bundle.GetProperty("resourceType").GetString());
        Assert.Equal("application/fhir+json", viaGrpc.ContentType);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal(report.Id, JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
        Assert.Contains("sr, fhir or json", await badFormat.Content.ReadAsStringAsync());
        var grpcStranger = await Assert.ThrowsAsync<RpcException>(() => h.Client.ExportReportAsync(
            new ExportReportRequest { ReportId = report.Id, Format = "sr" }, new Metadata { { "authorization", "Bearer " + h.Server.IssueToken("someone-else") } }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, grpcStranger.StatusCode);
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient http, ChainHarness h, string path, string user)
    {
        var message = new HttpRequestMessage(HttpMethod.Get, path);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", h.Server.IssueToken(user));
        return http.SendAsync(message);
    }
}
