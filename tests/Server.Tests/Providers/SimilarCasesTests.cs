using MedicalImaging.Contracts.V1;
using MedicalImaging.Tests.Support;

namespace MedicalImaging.Server.Tests.Providers;

/// <summary>FindSimilar explains itself: shared conditions and anatomy from the findings of both reports.</summary>
public sealed class SimilarCasesTests
{
    [Fact]
    public async Task FindSimilar_ReturnsSharedConditionsAnatomyAndReason()
    {
        await using var h = await ChainHarness.StartAsync();
        // The fake Gemini reports "Rounded 2 cm opacity in the right upper zone" on every image.
        var first = (await h.AnalyzeAsync()).Report;
        var second = (await h.AnalyzeAsync()).Report;
        var auth = h.Auth;

        var similar = await h.Client.FindSimilarAsync(new FindSimilarRequest { ReportId = first.Id }, auth);

        var hit = Assert.Single(similar.Results);
        Assert.Equal(second.Id, hit.ReportId);
        Assert.Contains("opacity", hit.SharedConditions);
        Assert.Contains("right upper lung zone", hit.SharedAnatomy);
        Assert.Contains("both mention opacity", hit.Reason, StringComparison.Ordinal);
        Assert.Contains("same modality (CR)", hit.Reason, StringComparison.Ordinal);
    }
}
