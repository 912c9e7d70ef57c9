using Grpc.Core;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Tests.Support;

namespace MedicalImaging.Server.Tests;

/// <summary>What GetHealth tells whom: serving or not to anyone; providers, database and counts only with a token, counts the caller's own.</summary>
public sealed class HealthDisclosureTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _fixture;

    public HealthDisclosureTests(ServerFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task GetHealth_NoToken_StatusOnlyNothingElse()
    {
        var health = await _fixture.Client.GetHealthAsync(new GetHealthRequest());

        Assert.Equal(ServingStatus.Serving, health.Status);
        Assert.Equal(new GetHealthResponse { Status = ServingStatus.Serving }, health);
    }

    [Fact]
    public async Task GetHealth_ForgedToken_TreatedAsAnonymous()
    {
        var token = _fixture.Server.IssueToken("health-forger");
        var forged = token[..token.LastIndexOf('.')] + ".c2lnbmF0dXJlLW9mLXNvbWVvbmUtZWxzZQ";

        var health = await _fixture.Client.GetHealthAsync(new GetHealthRequest(), new Metadata { { "authorization", "Bearer " + forged } });

        Assert.False(health.Details);
        Assert.Empty(health.Providers);
    }

    [Fact]
    public async Task GetHealth_WithToken_DetailsAndOnlyTheCallersOwnReportCount()
    {
        await _fixture.Client.AnalyzeToReportAsync(Calls.Request(TestImages.ChestPhantomPng(96, seed: 121)), _fixture.AuthFor("health-owner"));
        await _fixture.Client.AnalyzeToReportAsync(Calls.Request(TestImages.ChestPhantomPng(96, seed: 122)), _fixture.AuthFor("health-owner"));

        var owner = await _fixture.Client.GetHealthAsync(new GetHealthRequest(), _fixture.AuthFor("health-owner"));
        var stranger = await _fixture.Client.GetHealthAsync(new GetHealthRequest(), _fixture.AuthFor("health-stranger"));

        Assert.True(owner.Details);
        Assert.Equal(2, owner.IndexedReports);
        Assert.Equal(0, stranger.IndexedReports);
        Assert.Equal("sqlite", stranger.Database.Provider);
        Assert.True(stranger.Database.Healthy);
        Assert.Contains(stranger.Providers, p => p.Name == "local");
        Assert.NotEmpty(stranger.Version);
    }
}
