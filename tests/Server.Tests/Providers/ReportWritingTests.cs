using MedicalImaging.Contracts.V1;
using MedicalImaging.Tests.Support.Fakes;

namespace MedicalImaging.Server.Tests.Providers;

/// <summary>The AI-written narrative, the quality review and the one regeneration.</summary>
public sealed class ReportWritingTests
{
    [Fact]
    public async Task ProviderWritesNarrative_CitesOnlySearchedPmids_QualityRecorded()
    {
        await using var h = await ChainHarness.StartAsync(literature: true);
        var report = (await h.AnalyzeAsync()).Report;

        Assert.Equal("Moderate rounded opacity in the right upper zone [f1]; further evaluation advised.", report.Impression);
        Assert.Equal(Severity.Moderate, report.OverallSeverity);
        Assert.Equal(["31415926"], report.Citations.Select(c => c.Pmid));
        Assert.Contains("CT chest", report.Recommendations[0]);
        Assert.True(report.Provenance.QualityScore >= 0.7);
        Assert.Empty(report.Provenance.QualityFeedback);
        Assert.False(report.Provenance.Regenerated);
        Assert.Matches("^[0-9a-f]{64}$", report.Provenance.PromptHashes["report-v2"]);
        var writing = Assert.Single(report.Provenance.Attempts, a => a.Purpose == "report");
        Assert.Equal(("gemini", "success"), (writing.Provider, writing.Outcome));
        Assert.Contains("IMPRESSION\nModerate rounded opacity", report.ReportText);
        Assert.Contains("PMID 31415926", report.ReportText);
        Assert.Contains("NOT FOR DIAGNOSTIC USE", report.ReportText);
    }

    [Fact]
    public async Task ContradictoryDraft_ScoredLow_RegeneratedOnceWithFeedback()
    {
        await using var h = await ChainHarness.StartAsync(literature: true);
        h.Gemini.Then(
            new ChatBehavior.Answer(FakeChatProvider.ValidFindings(1)),
            new ChatBehavior.Answer(FakeChatProvider.ValidReport(impression: "Normal study. No abnormality.", citedPmid: "11111111")));
        var report = (await h.AnalyzeAsync()).Report;

        Assert.True(report.Provenance.Regenerated);
        Assert.Equal(2, report.Provenance.Attempts.Count(a => a.Purpose == "report"));
        Assert.StartsWith("Moderate rounded opacity", report.Impression);
        var retry = h.Gemini.Requests[^1].Body;
        Assert.Contains("quality review", retry);
        Assert.Contains("Contradiction", retry);
        Assert.Contains("Citation misuse: PMID 11111111", retry);
        Assert.DoesNotContain(report.Citations, c => c.Pmid == "11111111");
    }

    [Fact]
    public async Task ReportWritingFails_TemplateNarrativeKept_AndSaysSo()
    {
        // Gemini alone in the chain: no other provider can take the report over.
        await using var h = await ChainHarness.StartAsync(new() { ["MAX_RETRIES"] = "0", ["AI_PROVIDER_ORDER"] = "gemini,local" });
        h.Gemini.Then(new ChatBehavior.Answer(FakeChatProvider.ValidFindings(1)), new ChatBehavior.Fail(500));
        var report = (await h.AnalyzeAsync()).Report;

        Assert.Equal("gemini", report.Provenance.Provider);
        Assert.Contains(report.Limitations, l => l.Contains("report-writing call", StringComparison.Ordinal));
        Assert.Contains("flagged", report.Impression);
        Assert.Equal("server_error", Assert.Single(report.Provenance.Attempts, a => a.Purpose == "report").Outcome);
    }

    [Fact]
    public async Task ReportWriting_FirstProviderFails_NextProviderInTheChainWritesTheReport()
    {
        await using var h = await ChainHarness.StartAsync(new() { ["MAX_RETRIES"] = "0" });
        h.Gemini.Then(new ChatBehavior.Answer(FakeChatProvider.ValidFindings(1)), new ChatBehavior.Fail(500));
        var report = (await h.AnalyzeAsync()).Report;

        // The findings stay Gemini's; the narrative comes from OpenRouter, the next provider of the same chain.
        Assert.Equal("gemini", report.Provenance.Provider);
        Assert.Equal("Moderate rounded opacity in the right upper zone [f1]; further evaluation advised.", report.Impression);
        Assert.DoesNotContain(report.Limitations, l => l.Contains("report-writing call", StringComparison.Ordinal));
        Assert.Equal(
            [("gemini", "server_error"), ("openrouter", "success")],
            report.Provenance.Attempts.Where(a => a.Purpose == "report").Select(a => (a.Provider, a.Outcome)));
        Assert.Contains("structured_report", Assert.Single(h.OpenRouter.Requests).Body);
    }
}
