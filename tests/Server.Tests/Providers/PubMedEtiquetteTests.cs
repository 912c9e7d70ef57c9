using MedicalImaging.Server.Literature;
using MedicalImaging.Server.Privacy;
using MedicalImaging.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalImaging.Server.Tests.Providers;

/// <summary>
/// NCBI's E-utilities etiquette against a fake PubMed: tool/email on every request, never more than NCBI's
/// documented 3 requests in any second without a key (NLM KA-05510), and a 429 waited out.
/// </summary>
public sealed class PubMedEtiquetteTests
{
    private static int MostInAnySecond(IReadOnlyList<TimeSpan> arrivals)
    {
        var sorted = arrivals.Order().ToList();
        var most = 0;
        for (var i = 0; i < sorted.Count; i++)
        {
            most = Math.Max(most, sorted.Skip(i).TakeWhile(t => t - sorted[i] < TimeSpan.FromSeconds(1)).Count());
        }

        return most;
    }

    [Fact]
    public async Task ConcurrentSearches_NeverMoreThanThreeRequestsInAnySecondAtPubMed()
    {
        await using var h = await ChainHarness.StartAsync(new() { ["LITERATURE_TIMEOUT_SECONDS"] = "60" }, literature: true);
        var search = h.Server.Services.GetRequiredService<ILiteratureSearch>();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            search.SearchAsync("lung opacity", IdentifierSet.Empty, 5, CancellationToken.None)).ToList()).WaitAsync(Calls.Timeout);

        Assert.All(results, r => Assert.Equal(2, r.Count));
        Assert.Equal(12, h.PubMed.Arrivals.Count);
        Assert.True(MostInAnySecond(h.PubMed.Arrivals) <= 3, string.Join(", ", h.PubMed.Arrivals.Select(a => (a - h.PubMed.Arrivals[0]).TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task ConcurrentAnalyses_StayWithinRate_EveryReportHasLiterature()
    {
        await using var h = await ChainHarness.StartAsync(new() { ["LITERATURE_TIMEOUT_SECONDS"] = "60" }, literature: true);

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => h.AnalyzeAsync()).ToList()).WaitAsync(Calls.Timeout);

        Assert.All(results, r => Assert.Equal("ok", r.Report.Provenance.LiteratureStatus));
        Assert.Equal(6, h.PubMed.Arrivals.Count);
        Assert.InRange(MostInAnySecond(h.PubMed.Arrivals), 1, 3);
    }

    [Fact]
    public async Task EveryRequest_CarriesToolAndEmail()
    {
        await using var h = await ChainHarness.StartAsync(new() { ["PUBMED_EMAIL"] = "ops@example.org" }, literature: true);
        var report = (await h.AnalyzeAsync()).Report;

        Assert.Equal("ok", report.Provenance.LiteratureStatus);
        Assert.Equal(2, h.PubMed.Requests.Count);
        Assert.All(h.PubMed.Requests, r =>
        {
            Assert.Contains("tool=medimaging", r.PathAndQuery, StringComparison.Ordinal);
            Assert.Contains("email=ops%40example.org", r.PathAndQuery, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task RateLimited429WithRetryAfter_WaitedOut_SearchSucceeds()
    {
        await using var h = await ChainHarness.StartAsync(literature: true);
        h.PubMed.RetryAfterSeconds = 1;
        h.PubMed.RateLimitNext(1);
        var search = h.Server.Services.GetRequiredService<ILiteratureSearch>();

        var citations = await search.SearchAsync("lung opacity", IdentifierSet.Empty, 5, CancellationToken.None).WaitAsync(Calls.Timeout);

        Assert.Equal(["31415926", "27182818"], citations.Select(c => c.Pmid));
        var arrivals = h.PubMed.Arrivals;
        Assert.Equal(3, arrivals.Count);
        // The retry came only after the Retry-After NCBI asked for.
        Assert.True(arrivals[1] - arrivals[0] >= TimeSpan.FromMilliseconds(950), $"retried after {(arrivals[1] - arrivals[0]).TotalMilliseconds} ms");
        Assert.Contains("esearch", h.PubMed.Requests[0].PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("esearch", h.PubMed.Requests[1].PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PUBMED_TOOL", "med imaging", "PUBMED_TOOL='med imaging' must be a name without spaces")]
    [InlineData("PUBMED_EMAIL", "not-an-address", "PUBMED_EMAIL='not-an-address' is not an e-mail address")]
    public async Task BadPubMedSettings_RefuseToStart_NamingTheSetting(string name, string value, string expected)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunningServer.StartAsync(new Dictionary<string, string?> { [name] = value }));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
