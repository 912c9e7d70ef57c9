using MedicalImaging.Contracts.V1;
using MedicalImaging.Server.Chat;
using MedicalImaging.Server.Domain;
using MedicalImaging.Tests.Support.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalImaging.Server.Tests.Providers;

/// <summary>
/// References a provider invents in findings, impression or chat never reach the reader as if real: the fake
/// providers answer with invented PMIDs/DOIs/links next to real ones from the fake PubMed.
/// </summary>
public sealed class ReferenceHygieneTests
{
    [Fact]
    public async Task ProviderInventsReferences_InFindingsAndImpression_RemovedVisiblyCountedRealOnesKept()
    {
        await using var h = await ChainHarness.StartAsync(new() { ["QUALITY_REVIEW_THRESHOLD"] = "0" }, literature: true);
        h.Gemini.Then(
            new ChatBehavior.Answer(FakeChatProvider.ValidFindings(1,
                "Rounded 2 cm opacity in the right upper zone, typical of granuloma (Smith et al., 2021) (Jones et al., 2018); see PMID: 99999999")),
            new ChatBehavior.Answer(FakeChatProvider.ValidReport(
                "Moderate rounded opacity in the right upper zone [f1], as in PMID 31415926; see doi:10.1000/invented.42 and https://pubmed.ncbi.nlm.nih.gov/12345/ for follow-up.")));

        var report = (await h.AnalyzeAsync()).Report;

        Assert.Equal("gemini", report.Provenance.Provider);
        Assert.Equal(4, report.Provenance.UnverifiedReferencesRemoved);
        var finding = report.Findings[0].Description;
        Assert.Contains("(Smith et al., 2021)", finding, StringComparison.Ordinal);
        Assert.DoesNotContain("Jones", finding, StringComparison.Ordinal);
        Assert.DoesNotContain("99999999", finding, StringComparison.Ordinal);
        Assert.Contains(ReferenceHygiene.Marker, finding, StringComparison.Ordinal);
        Assert.Contains("PMID 31415926", report.Impression, StringComparison.Ordinal);
        Assert.DoesNotContain("invented", report.Impression, StringComparison.Ordinal);
        Assert.DoesNotContain("/12345/", report.Impression, StringComparison.Ordinal);
        Assert.Contains(ReferenceHygiene.Marker, report.Impression, StringComparison.Ordinal);
        Assert.DoesNotContain("99999999", report.ReportText, StringComparison.Ordinal);
        Assert.DoesNotContain("invented", report.ReportText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProviderWritesOnlyRealReferences_NothingRemoved()
    {
        await using var h = await ChainHarness.StartAsync(new() { ["QUALITY_REVIEW_THRESHOLD"] = "0" }, literature: true);
        h.Gemini.Then(
            new ChatBehavior.Answer(FakeChatProvider.ValidFindings(1)),
            new ChatBehavior.Answer(FakeChatProvider.ValidReport("Moderate rounded opacity [f1], as in PMID 31415926 (doi:10.1148/radiol.2019000001).")));

        var report = (await h.AnalyzeAsync()).Report;

        Assert.Equal(0, report.Provenance.UnverifiedReferencesRemoved);
        Assert.Contains("PMID 31415926 (doi:10.1148/radiol.2019000001)", report.Impression, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatReplyInventsPmid_StoredReplyMarked_RealPmidKept()
    {
        await using var h = await ChainHarness.StartAsync(new() { ["QUALITY_REVIEW_THRESHOLD"] = "0" }, literature: true);
        var report = (await h.AnalyzeAsync()).Report;
        h.Gemini.Then(new ChatBehavior.Answer("This resembles PMID: 88888888 and PMID 31415926."));

        var reply = (await h.Client.SendChatMessageAsync(new SendChatMessageRequest { ReportId = report.Id, Message = "Any literature?" }, h.Auth)).Reply;

        Assert.Equal("This resembles [unverified reference removed] and PMID 31415926.", reply.Content);
        Assert.Equal(["31415926"], reply.CitedPmids);
        // Counted, not only marked: one invented PMID removed, the verified one kept and not counted.
        Assert.Equal(1, reply.UnverifiedReferencesRemoved);
        var stored = await h.Server.Services.GetRequiredService<IChatHistoryStore>().GetRecentAsync("clinician", report.Id, 10, CancellationToken.None);
        Assert.Equal(1, Assert.Single(stored, t => t.Role == "assistant").UnverifiedReferencesRemoved);
    }
}
