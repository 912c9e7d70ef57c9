using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MedicalImaging.Tests.Support;

namespace MedicalImaging.Server.Tests;

/// <summary>The REST face (JSON transcoding) as users of the original service call it.</summary>
public sealed class RestTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _fixture;

    public RestTests(ServerFixture fixture) => _fixture = fixture;

    private HttpRequestMessage Post(string path, string json, string? user)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (user is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _fixture.Server.IssueToken(user));
        }

        return request;
    }

    private HttpRequestMessage Get(string path, string? user)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (user is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _fixture.Server.IssueToken(user));
        }

        return request;
    }

    private static string AnalyzeBody(byte[] image) =>
        $$"""{"images": [{"filename": "chest.png", "content": "{{Convert.ToBase64String(image)}}"}]}""";

    [Fact]
    public async Task PostAnalyze_Base64Png_NdjsonProgressThenResult_ThenGetReport_OtherUser404_NoToken401()
    {
        using var response = await _fixture.Http.SendAsync(Post("/api/v1/medical-imaging/analyze", AnalyzeBody(TestImages.ChestPhantomPng(256, seed: 3)), "rest-user"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var events = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();

        Assert.True(events.Count > 5);
        var analysisId = events[0].GetProperty("analysisId").GetString();
        Assert.StartsWith("ana_", analysisId);
        Assert.True(events[0].TryGetProperty("progress", out var firstProgress));
        Assert.True(firstProgress.TryGetProperty("stage", out _));
        Assert.True(firstProgress.TryGetProperty("percent", out _));
        Assert.True(firstProgress.TryGetProperty("message", out _));
        Assert.All(events, e => Assert.Equal(analysisId, e.GetProperty("analysisId").GetString()));
        var report = events[^1].GetProperty("result").GetProperty("report");
        var reportId = report.GetProperty("id").GetString()!;
        Assert.True(report.GetProperty("findings").ValueKind == JsonValueKind.Array);
        Assert.False(string.IsNullOrEmpty(report.GetProperty("impression").GetString()));
        Assert.Equal("local", report.GetProperty("provenance").GetProperty("provider").GetString());

        using var get = await _fixture.Http.SendAsync(Get($"/api/v1/medical-imaging/report/{reportId}", "rest-user"));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var fetched = JsonDocument.Parse(await get.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(reportId, fetched.GetProperty("id").GetString());
        Assert.True(fetched.TryGetProperty("findings", out _));
        Assert.True(fetched.TryGetProperty("provenance", out _));

        using var otherUser = await _fixture.Http.SendAsync(Get($"/api/v1/medical-imaging/report/{reportId}", "someone-else"));
        Assert.Equal(HttpStatusCode.NotFound, otherUser.StatusCode);

        using var noToken = await _fixture.Http.SendAsync(Get($"/api/v1/medical-imaging/report/{reportId}", null));
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);

        using var list = await _fixture.Http.SendAsync(Get("/api/v1/medical-imaging/reports?pageSize=10", "rest-user"));
        var listed = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains(listed.GetProperty("reports").EnumerateArray(), r => r.GetProperty("id").GetString() == reportId);
        Assert.True(listed.TryGetProperty("nextPageToken", out _));

        using var similar = await _fixture.Http.SendAsync(Get($"/api/v1/medical-imaging/similar/{reportId}", "rest-user"));
        Assert.Equal(HttpStatusCode.OK, similar.StatusCode);
        Assert.True(JsonDocument.Parse(await similar.Content.ReadAsStringAsync()).RootElement.TryGetProperty("results", out _));

        using var heatmap = await _fixture.Http.SendAsync(Get($"/api/v1/medical-imaging/report/{reportId}/heatmaps/0", "rest-user"));
        Assert.Equal(HttpStatusCode.OK, heatmap.StatusCode);
        Assert.Equal("image/png", heatmap.Content.Headers.ContentType?.MediaType);
        var png = await heatmap.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
    }

    [Fact]
    public async Task PostAnalyze_NotAnImage_400WithMessage()
    {
        using var response = await _fixture.Http.SendAsync(Post("/api/v1/medical-imaging/analyze", AnalyzeBody("hello"u8.ToArray()), "rest-user"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(3, body.GetProperty("code").GetInt32());
        Assert.Contains("images[0]", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task PostAnalyze_CorruptPixels_MidStreamErrorIsTheLastNdjsonLine()
    {
        using var response = await _fixture.Http.SendAsync(Post("/api/v1/medical-imaging/analyze", AnalyzeBody(TestImages.CorruptPng()), "rest-user"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 2);
        Assert.True(JsonDocument.Parse(lines[0]).RootElement.TryGetProperty("progress", out _));
        var last = JsonDocument.Parse(lines[^1]).RootElement;
        Assert.Equal(3, last.GetProperty("code").GetInt32());
        Assert.Contains("could not be decoded", last.GetProperty("message").GetString());
    }

    [Fact]
    public async Task GetHealth_NoToken_200WithStatusOnly()
    {
        using var response = await _fixture.Http.GetAsync(new Uri("/api/v1/medical-imaging/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("SERVING_STATUS_SERVING", body.GetProperty("status").GetString());
        // Transcoding writes every scalar, so the rest are there, at their empty defaults.
        Assert.False(body.GetProperty("details").GetBoolean());
        Assert.Equal(string.Empty, body.GetProperty("version").GetString());
        Assert.Equal(0, body.GetProperty("providers").GetArrayLength());
        Assert.Equal(0, body.GetProperty("indexedReports").GetInt64());
        Assert.False(body.TryGetProperty("database", out _));
        Assert.False(body.TryGetProperty("resources", out _));
    }

    [Fact]
    public async Task GetHealth_WithToken_200WithDatabaseAndProviders()
    {
        using var response = await _fixture.Http.SendAsync(Get("/api/v1/medical-imaging/health", "rest-health"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("SERVING_STATUS_SERVING", body.GetProperty("status").GetString());
        Assert.True(body.GetProperty("details").GetBoolean());
        Assert.True(body.GetProperty("database").GetProperty("healthy").GetBoolean());
        Assert.Equal("local", body.GetProperty("providers")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task AnyCall_EchoesCorrelationId()
    {
        using var request = Get("/api/v1/medical-imaging/health", null);
        request.Headers.Add("x-correlation-id", "test-correlation-123");
        using var response = await _fixture.Http.SendAsync(request);
        Assert.Equal("test-correlation-123", response.Headers.GetValues("x-correlation-id").Single());
    }
}
