using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MedicalImaging.Server.DicomWeb;
using MedicalImaging.Server.Studies;

namespace MedicalImaging.Server.Tests.DicomWeb;

/// <summary>
/// AnalyzeStudy over REST on the multi-series study scripts/make-dicom-corpus.sh --study makes (a 12-slice CT whose
/// instance numbers run against its slice positions, a 3-frame instance, a CR image), stored through STOW-RS.
/// </summary>
public sealed class AnalyzeStudyTests : IClassFixture<ServerFixture>
{
    private const string Study = "1.2.826.0.1.3680043.8.498.77";
    private static readonly Lazy<Dictionary<string, byte[]>> Files = new(MakeStudy);
    private readonly ServerFixture _fixture;

    public AnalyzeStudyTests(ServerFixture fixture) => _fixture = fixture;

    private static Dictionary<string, byte[]> MakeStudy()
    {
        var directory = Directory.CreateTempSubdirectory("medimg-study-").FullName;
        try
        {
            var script = Path.Combine(AppContext.BaseDirectory, "../../../../../scripts/make-dicom-corpus.sh");
            var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
            start.ArgumentList.Add(Path.GetFullPath(script));
            start.ArgumentList.Add(directory);
            start.ArgumentList.Add("--study");
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, stderr);
            return Directory.GetFiles(Path.Combine(directory, "study")).ToDictionary(f => Path.GetFileNameWithoutExtension(f), File.ReadAllBytes);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string path, string user, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _fixture.Server.IssueToken(user));
        return request;
    }

    private async Task StoreStudyAsync(string user)
    {
        using var response = await _fixture.Http.SendAsync(Request(HttpMethod.Post, "/dicomweb/studies", user, MultipartBody.Dicom([.. Files.Value.Values])));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public async Task AnalyzeStudy_ThreeSeriesFiveFrames_OneReportOfSlicesInVolumeOrderAndEveryFrameSeries()
    {
        const string user = "study-user";
        await StoreStudyAsync(user);

        using var response = await _fixture.Http.SendAsync(Request(HttpMethod.Post, $"/api/v1/medical-imaging/studies/{Study}:analyze", user,
            new StringContent("""{"maxFrames": 5, "caseId": "study-case"}""", Encoding.UTF8, "application/json")));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var events = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var report = events[^1].GetProperty("result").GetProperty("report");
        var images = report.GetProperty("images").EnumerateArray().ToList();

        // Budget 5 over series of 12, 3 and 1 images: CT 2, multi-frame 2, CR 1. The CT picks are the 4th and 10th slices
        // by position (ct3, ct9), not by instance number (which would give ct8 and ct2).
        Assert.Equal(
            [Sha(Files.Value["ct3"]), Sha(Files.Value["ct9"]), Sha(Files.Value["mf"]), Sha(Files.Value["mf"]), Sha(Files.Value["cr"])],
            images.Select(i => i.GetProperty("imageId").GetString()));
        Assert.Equal(
            ["series 1 CT: slice 4 of 12", "series 1 CT: slice 10 of 12", "series 2 OT: frame 1 of 3", "series 2 OT: frame 3 of 3", "series 3 CR: slice 1 of 1"],
            images.Select(i => i.GetProperty("filename").GetString()));
        Assert.Equal(["CT", "CT", "OT", "OT", "CR"], images.Select(i => i.GetProperty("modality").GetString()));
    }

    [Fact]
    public async Task AnalyzeStudy_AnotherUsersStudyOrUnknownStudy_404()
    {
        await StoreStudyAsync("study-owner");
        foreach (var (user, study) in new[] { ("study-intruder", Study), ("study-owner", "1.2.3.999") })
        {
            using var response = await _fixture.Http.SendAsync(Request(HttpMethod.Post, $"/api/v1/medical-imaging/studies/{study}:analyze", user,
                new StringContent("{}", Encoding.UTF8, "application/json")));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public void Plan_MoreSeriesThanBudget_LongestSeriesGetOneEach()
    {
        IndexedInstance Slice(string series, int number, int instances) => new(
            $"{series}-{number}", "1.2.840.10008.1.2.1", 1, new Dictionary<string, string?>
            {
                [DicomWebAttributes.SeriesInstanceUid.Column] = series,
                [DicomWebAttributes.SopInstanceUid.Column] = $"{series}.{number}",
                [DicomWebAttributes.StudyInstanceUid.Column] = "1.2",
                [DicomWebAttributes.SeriesNumber.Column] = series,
                [DicomWebAttributes.InstanceNumber.Column] = number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        var instances = new[] { ("1", 2), ("2", 9), ("3", 5) }.SelectMany(s => Enumerable.Range(1, s.Item2).Select(n => Slice(s.Item1, n, s.Item2))).ToList();

        var plan = StudyFramePlanner.Plan(instances, 2);

        Assert.True(plan.IsSubset);
        Assert.Equal((16, 3), (plan.CandidateFrames, plan.SeriesCount));
        Assert.Equal(["2.5", "3.3"], plan.Frames.Select(f => f.SopInstanceUid));
    }
}
