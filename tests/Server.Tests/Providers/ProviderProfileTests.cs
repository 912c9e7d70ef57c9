using System.Text.Json;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Tests.Support;
using MedicalImaging.Tests.Support.Fakes;

namespace MedicalImaging.Server.Tests.Providers;

/// <summary>Requests shaped by each provider's profile, seen on the wire by real HTTP fakes, and what the provenance says was sent.</summary>
public sealed class ProviderProfileTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static JsonElement Body(RecordedRequest request) => JsonDocument.Parse(request.Body).RootElement.Clone();

    private static AnalyzeRequest Images(IEnumerable<byte[]> images)
    {
        var request = Calls.Request([.. images]);
        foreach (var image in request.Images)
        {
            image.ModalityHint = "CR";
            image.BodyPartHint = "CHEST";
        }

        return request;
    }

    [Fact]
    public async Task Groq_SevenImagesOverItsBudget_BodyWithinItAndProvenanceSaysWhatWasSent()
    {
        // Groq's shipped limits (5 images, 4 MB) with the byte budget lowered by an operator file, so that seven
        // ordinary 512 px images exceed it (the 4 MB case itself is ImageFitterTests').
        const long budget = 300_000;
        var path = Path.Combine(Path.GetTempPath(), $"profiles-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, $$"""{ "groq": { "maxRequestBytes": {{budget}} } }""");
        try
        {
            await using var h = await ChainHarness.StartAsync(new() { ["AI_PROVIDER_ORDER"] = "groq,local", ["PROVIDER_PROFILES_PATH"] = path });
            h.Groq.Default = new ChatBehavior.Answer(FakeChatProvider.ValidFindings(5));
            var images = Enumerable.Range(0, 7).Select(i => TestImages.ChestPhantomPng(512, seed: i + 1)).ToList();
            var result = await h.AnalyzeAsync(Images(images));

            Assert.Equal("groq", result.Report.Provenance.Provider);
            var sentBody = Assert.Single(h.Groq.Requests, r => r.Body.Contains("image_findings", StringComparison.Ordinal)).Body;
            output.WriteLine($"Groq body {sentBody.Length} B for a {budget} B budget");
            Assert.True(sentBody.Length <= budget, $"Groq body {sentBody.Length} bytes is over the {budget} byte budget");
            var imageParts = Body(new RecordedRequest("", "", "", sentBody)).GetProperty("messages")[1].GetProperty("content")
                .EnumerateArray().Where(p => p.GetProperty("type").GetString() == "image_url").ToList();
            Assert.Equal(5, imageParts.Count);
            Assert.Contains("2 further image(s)", sentBody, StringComparison.Ordinal);

            var attempt = Assert.Single(result.Report.Provenance.Attempts, a => a.Purpose == "vision");
            Assert.Equal((5, 2), (attempt.ImagesSent.Count, attempt.ImagesDropped));
            Assert.Equal(Enumerable.Range(0, 5), attempt.ImagesSent.Select(i => i.Index));
            Assert.All(attempt.ImagesSent, i => Assert.True(i.Width is >= 256 and <= 512 && i.Bytes > 0));
            Assert.Contains(attempt.ImagesSent, i => i.MediaType == "image/jpeg");
            Assert.InRange(attempt.RequestBytes, sentBody.Length, budget);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Groq_SmallImage_SentLosslessWithStrictSchemaAndTemperature()
    {
        await using var h = await ChainHarness.StartAsync(new() { ["AI_PROVIDER_ORDER"] = "groq,local" });
        var result = await h.AnalyzeAsync();

        var body = Body(h.Groq.Requests[0]);
        Assert.Equal("qwen/qwen3.8-27b", body.GetProperty("model").GetString());
        Assert.True(body.GetProperty("response_format").GetProperty("json_schema").GetProperty("strict").GetBoolean());
        Assert.Equal(0.1, body.GetProperty("temperature").GetDouble(), 3);
        Assert.Contains("data:image/png;base64,", h.Groq.Requests[0].Body, StringComparison.Ordinal);
        var sent = Assert.Single(Assert.Single(result.Report.Provenance.Attempts, a => a.Purpose == "vision").ImagesSent);
        Assert.Equal(("image/png", 0), (sent.MediaType, sent.Index));
        // Stored with the report: GetReport returns what was sent too.
        var stored = (await h.Client.GetReportAsync(new GetReportRequest { ReportId = result.Report.Id }, h.Auth)).Report;
        Assert.Equal(sent, Assert.Single(Assert.Single(stored.Provenance.Attempts, a => a.Purpose == "vision").ImagesSent));
    }

    [Fact]
    public async Task Gemini_Request_NoTemperatureAndNoListValuedType()
    {
        await using var h = await ChainHarness.StartAsync();
        await h.AnalyzeAsync();

        var body = Body(h.Gemini.Requests[0]);
        Assert.Equal("gemini-3.8-flash", body.GetProperty("model").GetString());
        Assert.False(body.TryGetProperty("temperature", out _));
        Assert.False(body.TryGetProperty("top_p", out _));
        var schema = body.GetProperty("response_format").GetProperty("json_schema");
        Assert.False(schema.TryGetProperty("strict", out _));
        Assert.DoesNotContain("[\"object\",\"null\"]", schema.GetRawText().Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("anyOf", schema.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenRouter_EveryCall_RequiresParametersAndReportProvenanceNamesTheModelThatAnswered()
    {
        await using var h = await ChainHarness.StartAsync(new()
        {
            ["AI_PROVIDER_ORDER"] = "openrouter,local",
            ["OPENROUTER_MODELS"] = "vendor/a,vendor/b",
        });
        h.OpenRouter.UnavailableModels.Add("vendor/a");
        var report = (await h.AnalyzeAsync()).Report;

        Assert.All(h.OpenRouter.Requests, r => Assert.True(Body(r).GetProperty("provider").GetProperty("require_parameters").GetBoolean()));
        Assert.All(h.OpenRouter.Requests, r => Assert.True(Body(r).GetProperty("response_format").GetProperty("json_schema").GetProperty("strict").GetBoolean()));
        var writing = Assert.Single(report.Provenance.Attempts, a => a.Purpose == "report" && a.Outcome == "success");
        Assert.Equal("vendor/b", writing.Model);
        Assert.Equal("vendor/b", Assert.Single(report.Provenance.Attempts, a => a.Purpose == "vision").Model);
    }

    [Fact]
    public async Task OpenRouter_ModelsUnset_ProfileDefaultModelSent()
    {
        await using var h = await ChainHarness.StartAsync(new() { ["AI_PROVIDER_ORDER"] = "openrouter,local" });
        await h.AnalyzeAsync();

        var body = Body(h.OpenRouter.Requests[0]);
        Assert.Equal("google/gemini-3.1-flash-lite", body.GetProperty("model").GetString());
        // The shipped profile has no fallback: a single model needs no `models` routing list.
        Assert.False(body.TryGetProperty("models", out _));
    }

    [Fact]
    public async Task Groq_OverrideFileLowersTheImageLimit_RequestFollowsIt()
    {
        var path = Path.Combine(Path.GetTempPath(), $"profiles-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """{ "groq": { "maxImages": 1, "preferredEncoding": "jpeg" } }""");
        try
        {
            await using var h = await ChainHarness.StartAsync(new() { ["AI_PROVIDER_ORDER"] = "groq,local", ["PROVIDER_PROFILES_PATH"] = path });
            h.Groq.Default = new ChatBehavior.Answer(FakeChatProvider.ValidFindings(1));
            var report = (await h.AnalyzeAsync(Images([TestImages.ChestPhantomPng(256), TestImages.ChestPhantomPng(256, seed: 2)]))).Report;

            var attempt = Assert.Single(report.Provenance.Attempts, a => a.Purpose == "vision");
            Assert.Equal(("success", 1, 1), (attempt.Outcome, attempt.ImagesSent.Count, attempt.ImagesDropped));
            Assert.Equal("image/jpeg", attempt.ImagesSent[0].MediaType);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Gemini_AnswersInJsonFencesWithProse_VisionAndReportBothAccepted()
    {
        await using var h = await ChainHarness.StartAsync(new() { ["AI_PROVIDER_ORDER"] = "gemini,local" });
        h.Gemini.Then(
            new ChatBehavior.Answer("Here are the findings:\n```json\n" + FakeChatProvider.ValidFindings(1) + "\n```"),
            new ChatBehavior.Answer("```JSON\n" + FakeChatProvider.ValidReport() + "\n```\nI hope this helps."));
        var result = await h.AnalyzeAsync();

        Assert.False(result.Degraded);
        Assert.Equal(["success", "success"], result.Report.Provenance.Attempts.Where(a => a.Provider == "gemini").Select(a => a.Outcome));
        Assert.Contains("[f1]", result.Report.Impression, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_BadProfileFile_FailsNamingTheFileProviderAndField()
    {
        var path = Path.Combine(Path.GetTempPath(), $"profiles-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """{ "groq": { "maxRequestBytes": "4MB" } }""");
        try
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(() => RunningServer.StartAsync(new Dictionary<string, string?> { ["PROVIDER_PROFILES_PATH"] = path }));
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.Contains("provider 'groq': field 'maxRequestBytes'", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
