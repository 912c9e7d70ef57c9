using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;
using MedicalImaging.Auth;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Tests.Support;

namespace MedicalImaging.Server.Tests;

public sealed class AuthTests() : GrpcServerTestBase(new Dictionary<string, string?>
    {
        ["JWT_SECRET"] = Secret,
        ["JWT_ISSUER"] = "https://idp.example",
        ["JWT_AUDIENCE"] = "medimaging",
    })
{
    private const string Secret = "a-test-secret-that-is-at-least-32-bytes-long!";

    private static Metadata Bearer(string token) => new() { { "authorization", "Bearer " + token } };

    private Task<ListReportsResponse> ListAsync(Metadata? auth) => Client.ListReportsAsync(new ListReportsRequest(), auth).ResponseAsync;

    [Fact]
    public async Task Call_WithoutToken_Unauthenticated()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => ListAsync(null));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task Call_WithValidToken_Succeeds()
    {
        var response = await ListAsync(Bearer(Server.IssueToken("ok-user")));
        Assert.Empty(response.Reports);
    }

    [Fact]
    public async Task Call_WithTamperedToken_Unauthenticated()
    {
        var token = Server.IssueToken("mallory");
        var parts = token.Split('.');
        // Change the subject in the payload without re-signing.
        var payload = System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1])).Replace("mallory", "alice__", StringComparison.Ordinal);
        var forged = parts[0] + "." + System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(payload)) + "." + parts[2];
        var error = await Assert.ThrowsAsync<RpcException>(() => ListAsync(Bearer(forged)));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task Call_WithExpiredToken_Unauthenticated()
    {
        var key = SigningKeyStore.Resolve(Secret, Server.DataDirectory);
        var past = new FixedTime(DateTimeOffset.UtcNow.AddHours(-2));
        var expired = DevelopmentTokenIssuer.Issue(key, "late-user", TimeSpan.FromMinutes(5), "https://idp.example", "medimaging", past);
        var error = await Assert.ThrowsAsync<RpcException>(() => ListAsync(Bearer(expired)));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task Call_WithWrongAudienceOrKey_Unauthenticated()
    {
        var key = SigningKeyStore.Resolve(Secret, Server.DataDirectory);
        var wrongAudience = DevelopmentTokenIssuer.Issue(key, "u", TimeSpan.FromMinutes(5), "https://idp.example", "another-api");
        Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<RpcException>(() => ListAsync(Bearer(wrongAudience)))).StatusCode);

        var otherKey = System.Text.Encoding.UTF8.GetBytes("another-secret-that-is-also-32-bytes-long!!");
        var wrongKey = DevelopmentTokenIssuer.Issue(otherKey, "u", TimeSpan.FromMinutes(5), "https://idp.example", "medimaging");
        Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<RpcException>(() => ListAsync(Bearer(wrongKey)))).StatusCode);
    }

    [Fact]
    public async Task Rest_WithoutToken_401_HealthStillOpen()
    {
        using var http = new HttpClient { BaseAddress = Server.HttpAddress };
        using var reports = await http.GetAsync(new Uri("/api/v1/medical-imaging/reports", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, reports.StatusCode);
        using var health = await http.GetAsync(new Uri("/api/v1/medical-imaging/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/medical-imaging/reports");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not.a.jwt");
        using var garbage = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
    }

    [Fact]
    public async Task Report_OfAnotherUser_NotFoundAndUndeletable()
    {
        var owner = Bearer(Server.IssueToken("owner"));
        var intruder = Bearer(Server.IssueToken("intruder"));
        var report = await Client.AnalyzeToReportAsync(Calls.Request(TestImages.ChestPhantomPng(128)), owner);

        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => Client.GetReportAsync(new GetReportRequest { ReportId = report.Id }, intruder).ResponseAsync)).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => Client.DeleteReportAsync(new DeleteReportRequest { ReportId = report.Id }, intruder).ResponseAsync)).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => Client.FindSimilarAsync(new FindSimilarRequest { ReportId = report.Id }, intruder).ResponseAsync)).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => Client.GetHeatmapAsync(new GetHeatmapRequest { ReportId = report.Id }, intruder).ResponseAsync)).StatusCode);
        Assert.Empty((await Client.ListReportsAsync(new ListReportsRequest(), intruder)).Reports);

        // Still there for its owner.
        Assert.Equal(report.Id, (await Client.GetReportAsync(new GetReportRequest { ReportId = report.Id }, owner)).Report.Id);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
