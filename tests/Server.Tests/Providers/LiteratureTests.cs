namespace MedicalImaging.Server.Tests.Providers;

/// <summary>PubMed citations come from the search response; failures say literature was unavailable.</summary>
public sealed class LiteratureTests
{
    [Fact]
    public async Task AbnormalFinding_CitationsFromPubMedResponse_InReportAndText()
    {
        await using var h = await ChainHarness.StartAsync(literature: true);
        var report = (await h.AnalyzeAsync()).Report;

        Assert.Equal("ok", report.Provenance.LiteratureStatus);
        // The search returned two articles; the report keeps the one its writer cited.
        Assert.Equal(["31415926"], report.Citations.Select(c => c.Pmid));
        var first = report.Citations[0];
        Assert.Equal("Radiology", first.Journal);
        Assert.Equal(2019, first.Year);
        Assert.Equal("10.1148/radiol.2019000001", first.Doi);
        Assert.Equal("https://pubmed.ncbi.nlm.nih.gov/31415926/", first.Url);
        Assert.Equal(["Smith J", "Doe A"], first.Authors);
        Assert.Contains("PMID 31415926", report.ReportText);
        var search = h.PubMed.Requests.First(r => r.PathAndQuery.Contains("esearch", StringComparison.Ordinal));
        Assert.Contains("opacity", search.PathAndQuery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("radiography", Uri.UnescapeDataString(search.PathAndQuery), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PubMedFailing_ReportSaysLiteratureUnavailable()
    {
        await using var h = await ChainHarness.StartAsync(literature: true);
        h.PubMed.FailWith = 500;
        var report = (await h.AnalyzeAsync()).Report;

        Assert.Equal("unavailable", report.Provenance.LiteratureStatus);
        Assert.Empty(report.Citations);
        Assert.Contains(report.Limitations, l => l.Contains("Literature search was unavailable", StringComparison.Ordinal));
    }
}
