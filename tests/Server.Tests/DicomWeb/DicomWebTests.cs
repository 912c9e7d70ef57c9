using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MedicalImaging.Dicom;
using MedicalImaging.Server.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalImaging.Server.Tests.DicomWeb;

/// <summary>
/// DICOMweb through a real server over HTTP: STOW-RS of multi-instance multipart bodies (built here and by curl), QIDO-RS
/// matching, WADO-RS instances/metadata/frames/rendered, owner scoping and the audit trail.
/// </summary>
public sealed class DicomWebTests : IClassFixture<ServerFixture>
{
    private const string Study = "1.2.826.0.1.3680043.8.498.1";
    private const string SeriesCt = "1.2.826.0.1.3680043.8.498.1.1";
    private const string SeriesMr = "1.2.826.0.1.3680043.8.498.1.2";
    private readonly ServerFixture _fixture;

    public DicomWebTests(ServerFixture fixture) => _fixture = fixture;

    private HttpRequestMessage Request(HttpMethod method, string path, string user, HttpContent? content = null, string? accept = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _fixture.Server.IssueToken(user));
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return request;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> StoreAsync(string user, string path, params byte[][] parts)
    {
        using var response = await _fixture.Http.SendAsync(Request(HttpMethod.Post, path, user, MultipartBody.Dicom(parts)));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/dicom+json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private async Task<JsonElement> SearchAsync(string user, string path)
    {
        using var response = await _fixture.Http.SendAsync(Request(HttpMethod.Get, path, user));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string? Text(JsonElement item, string tag) =>
        item.TryGetProperty(tag, out var a) && a.TryGetProperty("Value", out var v) ? v[0].ValueKind == JsonValueKind.Object ? v[0].GetProperty("Alphabetic").GetString() : v[0].ToString() : null;

    private static List<JsonElement> Items(JsonElement body, string tag) =>
        body.TryGetProperty(tag, out var seq) ? seq.GetProperty("Value").EnumerateArray().ToList() : [];

    private static byte[] Instance(string user, string series, string sop, int seed, string modality, string date = "20240315") =>
        DicomInstances.Make(Study + "." + user.Length, series + "." + user.Length, sop, seed,
            ("0010,0010", "DOE^JANE"), ("0010,0020", "PAT-" + user), ("0008,0020", date), ("0008,0030", "101500"),
            ("0008,0050", "ACC" + user.Length), ("0008,0060", modality), ("0020,0013", seed.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public async Task StoreInstances_ThreeGoodPartsAndOneCorrupt_StoresTheGoodOnesAnd202WithC000ForTheCorrupt()
    {
        const string user = "stow-mixed";
        var study = Study + "." + user.Length;
        var parts = new[]
        {
            Instance(user, SeriesCt, study + ".1.1", 1, "CT"),
            Instance(user, SeriesCt, study + ".1.2", 2, "CT"),
            "not a dicom file at all, just text"u8.ToArray(),
            Instance(user, SeriesMr, study + ".2.1", 3, "MR"),
        };

        var (status, body) = await StoreAsync(user, "/dicomweb/studies", parts);

        Assert.Equal(HttpStatusCode.Accepted, status);
        var stored = Items(body, "00081199");
        Assert.Equal([study + ".1.1", study + ".1.2", study + ".2.1"], stored.Select(i => Text(i, "00081155")));
        Assert.All(stored, i => Assert.EndsWith("/instances/" + Text(i, "00081155"), Text(i, "00081190")));
        var failed = Assert.Single(Items(body, "00081198"));
        Assert.Equal(0xC000, failed.GetProperty("00081197").GetProperty("Value")[0].GetInt32());
        Assert.EndsWith("/dicomweb/studies/" + study, Text(body, "00081190"));
    }

    [Fact]
    public async Task StoreInstances_WrongContentType_Returns415NamingWhatIsExpected()
    {
        var content = new ByteArrayContent(Instance("stow-415", SeriesCt, Study + ".9.1", 1, "CT"));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
        using var response = await _fixture.Http.SendAsync(Request(HttpMethod.Post, "/dicomweb/studies", "stow-415", content));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("multipart/related; type=\\\"application/dicom\\\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task StoreInstances_SameBytesAgainSucceeds_DifferentBytesSameUidFails0111With409()
    {
        const string user = "stow-dup";
        var sop = Study + ".7.1";
        var first = Instance(user, SeriesCt, sop, 1, "CT");
        Assert.Equal(HttpStatusCode.OK, (await StoreAsync(user, "/dicomweb/studies", first)).Status);

        var (again, _) = await StoreAsync(user, "/dicomweb/studies", first);
        Assert.Equal(HttpStatusCode.OK, again);

        var (conflict, body) = await StoreAsync(user, "/dicomweb/studies", Instance(user, SeriesCt, sop, 5, "CT"));
        Assert.Equal(HttpStatusCode.Conflict, conflict);
        var failed = Assert.Single(Items(body, "00081198"));
        Assert.Equal(0x0111, failed.GetProperty("00081197").GetProperty("Value")[0].GetInt32());
        Assert.Equal(sop, Text(failed, "00081155"));

        // The first instance is the one kept.
        using var retrieved = await _fixture.Http.SendAsync(Request(HttpMethod.Get, $"/dicomweb/studies/{Study}.{user.Length}/series/{SeriesCt}.{user.Length}/instances/{sop}", user));
        Assert.Equal(first, Assert.Single(await MultipartBody.ReadAsync(retrieved)).Body);
    }

    [Fact]
    public async Task StoreInstances_StudyInUrlDiffers_FailsA900()
    {
        var (status, body) = await StoreAsync("stow-url", "/dicomweb/studies/1.2.3.4", Instance("stow-url", SeriesCt, Study + ".8.1", 1, "CT"));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal(0xA900, Assert.Single(Items(body, "00081198")).GetProperty("00081197").GetProperty("Value")[0].GetInt32());
    }

    [Fact]
    public async Task SearchForStudies_MatchingKeys_FindTheStudyWithModalitiesAndCounts_OtherUserSeesNothing()
    {
        const string user = "qido-user";
        var study = Study + "." + user.Length;
        await StoreAsync(user, "/dicomweb/studies",
            Instance(user, SeriesCt, study + ".1.1", 1, "CT"), Instance(user, SeriesCt, study + ".1.2", 2, "CT"), Instance(user, SeriesMr, study + ".2.1", 3, "MR"));

        var studies = await SearchAsync(user, "/dicomweb/studies?PatientID=PAT-qido-user&StudyDate=20240101-20241231&ModalitiesInStudy=MR&PatientName=doe*&00080050=ACC9");
        var found = Assert.Single(studies.EnumerateArray());
        Assert.Equal(study, Text(found, "0020000D"));
        Assert.Equal("DOE^JANE", Text(found, "00100010"));
        Assert.Equal(["CT", "MR"], found.GetProperty("00080061").GetProperty("Value").EnumerateArray().Select(v => v.GetString()).Order());
        Assert.Equal(2, found.GetProperty("00201206").GetProperty("Value")[0].GetInt32());
        Assert.Equal(3, found.GetProperty("00201208").GetProperty("Value")[0].GetInt32());
        Assert.EndsWith("/dicomweb/studies/" + study, Text(found, "00081190"));

        Assert.Empty((await SearchAsync(user, "/dicomweb/studies?StudyDate=-20231231")).EnumerateArray());
        Assert.Empty((await SearchAsync(user, "/dicomweb/studies?ModalitiesInStudy=US")).EnumerateArray());
        Assert.Single((await SearchAsync(user, "/dicomweb/studies?StudyTime=1000-1100")).EnumerateArray());
        Assert.Empty((await SearchAsync("qido-stranger", "/dicomweb/studies")).EnumerateArray());
        Assert.Empty((await SearchAsync("qido-stranger", $"/dicomweb/studies?StudyInstanceUID={study}")).EnumerateArray());

        var series = await SearchAsync(user, $"/dicomweb/studies/{study}/series?Modality=CT&includefield=PatientID");
        var ct = Assert.Single(series.EnumerateArray());
        Assert.Equal(SeriesCt + "." + user.Length, Text(ct, "0020000E"));
        Assert.Equal(2, ct.GetProperty("00201209").GetProperty("Value")[0].GetInt32());
        Assert.Equal("PAT-qido-user", Text(ct, "00100020"));

        var instances = await SearchAsync(user, $"/dicomweb/studies/{study}/instances?limit=2&offset=1");
        Assert.Equal(2, instances.GetArrayLength());
        var page = instances.EnumerateArray().Select(i => Text(i, "00080018")).ToList();
        var all = (await SearchAsync(user, $"/dicomweb/studies/{study}/instances")).EnumerateArray().Select(i => Text(i, "00080018")).ToList();
        Assert.Equal(all.Skip(1).Take(2), page);
        var one = Assert.Single((await SearchAsync(user, $"/dicomweb/studies/{study}/series/{SeriesMr}.{user.Length}/instances?SOPInstanceUID={study}.2.1")).EnumerateArray());
        Assert.Equal(48, one.GetProperty("00280010").GetProperty("Value")[0].GetInt32());
    }

    [Theory]
    [InlineData("/dicomweb/studies?PatientAge=30", "PatientAge")]
    [InlineData("/dicomweb/studies?StudyDate=2024-03-15", "StudyDate")]
    [InlineData("/dicomweb/studies?limit=ten", "limit")]
    [InlineData("/dicomweb/studies?Modality=CT", "Modality")]
    [InlineData("/dicomweb/studies?includefield=BurnedInAnnotation", "BurnedInAnnotation")]
    [InlineData("/dicomweb/studies?StudyInstanceUID=1.2.abc", "StudyInstanceUID")]
    public async Task SearchForStudies_BadQueryParameter_Returns400NamingIt(string path, string named)
    {
        using var response = await _fixture.Http.SendAsync(Request(HttpMethod.Get, path, "qido-bad"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Retrieve_InstancesMetadataFramesRendered_ReturnWhatWasStored_OtherUserGets404()
    {
        const string user = "wado-user";
        var study = Study + "." + user.Length;
        var series = SeriesCt + "." + user.Length;
        var a = Instance(user, SeriesCt, study + ".1.1", 11, "CT");
        var b = Instance(user, SeriesCt, study + ".1.2", 12, "CT");
        Assert.Equal(HttpStatusCode.OK, (await StoreAsync(user, $"/dicomweb/studies/{study}", a, b)).Status);

        using var all = await _fixture.Http.SendAsync(Request(HttpMethod.Get, $"/dicomweb/studies/{study}", user, accept: "multipart/related; type=\"application/dicom\"; transfer-syntax=*"));
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        var parts = await MultipartBody.ReadAsync(all);
        Assert.Equal([a, b], parts.Select(p => p.Body));
        Assert.All(parts, p => Assert.StartsWith("application/dicom", p.ContentType));
        Assert.Equal(study + ".1.1", DicomFile.Parse(parts[0].Body).Dataset.GetString(DicomTags.SopInstanceUid));

        using var metadata = await _fixture.Http.SendAsync(Request(HttpMethod.Get, $"/dicomweb/studies/{study}/series/{series}/metadata", user));
        Assert.Equal("application/dicom+json", metadata.Content.Headers.ContentType?.MediaType);
        var items = JsonDocument.Parse(await metadata.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(2, items.GetArrayLength());
        Assert.Equal("DOE^JANE", Text(items[0], "00100010"));
        Assert.Equal("PN", items[0].GetProperty("00100010").GetProperty("vr").GetString());
        Assert.Equal(64, items[0].GetProperty("00280011").GetProperty("Value")[0].GetInt32());
        Assert.False(items[0].TryGetProperty("7FE00010", out _));

        using var frames = await _fixture.Http.SendAsync(Request(HttpMethod.Get, $"/dicomweb/studies/{study}/series/{series}/instances/{study}.1.2/frames/1", user));
        Assert.Equal(HttpStatusCode.OK, frames.StatusCode);
        var frame = Assert.Single(await MultipartBody.ReadAsync(frames));
        Assert.Equal("application/octet-stream", frame.ContentType);
        Assert.Equal(DicomInstances.Pixels(12), frame.Body);
        using var noFrame = await _fixture.Http.SendAsync(Request(HttpMethod.Get, $"/dicomweb/studies/{study}/series/{series}/instances/{study}.1.2/frames/2", user));
        Assert.Equal(HttpStatusCode.NotFound, noFrame.StatusCode);

        using var png = await _fixture.Http.SendAsync(Request(HttpMethod.Get, $"/dicomweb/studies/{study}/series/{series}/instances/{study}.1.1/rendered?window=128,256,linear", user, accept: "image/png"));
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        using var decoded = OpenCvSharp.Cv2.ImDecode(await png.Content.ReadAsByteArrayAsync(), OpenCvSharp.ImreadModes.Grayscale);
        Assert.Equal((64, 48), (decoded.Width, decoded.Height));
        using var jpeg = await _fixture.Http.SendAsync(Request(HttpMethod.Get, $"/dicomweb/studies/{study}/series/{series}/instances/{study}.1.1/frames/1/rendered?window=lung", user));
        Assert.Equal("image/jpeg", jpeg.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0xFF, 0xD8], (await jpeg.Content.ReadAsByteArrayAsync())[..2]);
        using var badWindow = await _fixture.Http.SendAsync(Request(HttpMethod.Get, $"/dicomweb/studies/{study}/series/{series}/instances/{study}.1.1/rendered?window=40,400,sigmoid", user));
        Assert.Equal(HttpStatusCode.BadRequest, badWindow.StatusCode);

        foreach (var path in new[] { $"/dicomweb/studies/{study}", $"/dicomweb/studies/{study}/metadata", $"/dicomweb/studies/{study}/series/{series}/instances/{study}.1.1/rendered" })
        {
            using var foreign = await _fixture.Http.SendAsync(Request(HttpMethod.Get, path, "wado-intruder"));
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }

        var log = _fixture.Server.Services.GetRequiredService<AuditLog>();
        await log.FlushAsync(CancellationToken.None);
        var events = File.ReadAllLines(log.Path).Select(AuditRecordJson.Read).Select(e => e.Event).ToList();
        Assert.Contains(events, e => e.Operation == "StoreInstances" && e.UserId == user && e.Status == "OK" && e.Objects.Contains(new AuditObject("instance", study + ".1.2")));
        Assert.Contains(events, e => e.Operation == "RetrieveInstances" && e.UserId == user && e.Action == "R" && e.Objects.Contains(new AuditObject("study", study)));
        Assert.Contains(events, e => e.Operation == "RetrieveInstances" && e.UserId == "wado-intruder" && e.Status == "NOT_FOUND");
    }

    [Fact]
    public async Task StoreInstances_NoToken_401AndAudited()
    {
        using var response = await _fixture.Http.PostAsync("/dicomweb/studies", MultipartBody.Dicom([1, 2, 3]));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var log = _fixture.Server.Services.GetRequiredService<AuditLog>();
        await log.FlushAsync(CancellationToken.None);
        Assert.Contains(File.ReadAllLines(log.Path).Select(AuditRecordJson.Read), e => e.Event.Operation == "StoreInstances" && e.Event.Status == "UNAUTHENTICATED");
    }

    [Fact]
    public async Task StoreInstances_CurlMultipartBodyOfTwoFiles_BothStoredAndFoundByQido()
    {
        const string user = "curl-user";
        var study = Study + "." + user.Length;
        var directory = Directory.CreateTempSubdirectory("medimg-curl-").FullName;
        try
        {
            // The body is put together the way a shell script would: boundary lines and the two files, CRLF-separated.
            var body = Path.Combine(directory, "body");
            await using (var file = File.Create(body))
            {
                foreach (var (sop, seed) in new[] { (study + ".3.1", 1), (study + ".3.2", 2) })
                {
                    await file.WriteAsync("--CURLBOUNDARY\r\nContent-Type: application/dicom\r\n\r\n"u8.ToArray());
                    await file.WriteAsync(Instance(user, SeriesCt, sop, seed, "CT"));
                    await file.WriteAsync("\r\n"u8.ToArray());
                }

                await file.WriteAsync("--CURLBOUNDARY--\r\n"u8.ToArray());
            }

            var start = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[]
            {
                "-sS", "-w", "\n%{http_code}", "-X", "POST", "-H", "Authorization: Bearer " + _fixture.Server.IssueToken(user),
                "-H", "Content-Type: multipart/related; type=\"application/dicom\"; boundary=CURLBOUNDARY",
                "--data-binary", "@" + body, new Uri(_fixture.Server.HttpAddress, "/dicomweb/studies").ToString(),
            })
            {
                start.ArgumentList.Add(arg);
            }

            using var curl = Process.Start(start)!;
            var output = await curl.StandardOutput.ReadToEndAsync();
            await curl.WaitForExitAsync();
            Assert.Equal(0, curl.ExitCode);
            Assert.EndsWith("\n200", output);
            Assert.Equal(2, Items(JsonDocument.Parse(output[..output.LastIndexOf('\n')]).RootElement, "00081199").Count);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        Assert.Equal(2, (await SearchAsync(user, $"/dicomweb/studies/{study}/instances")).GetArrayLength());
    }
}
