using Grpc.Core;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Tests.Support;
using MedicalImaging.Tests.Support.Oidc;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Tests.Security;

/// <summary>
/// JWT_AUTHORITY against a real local OpenID Connect provider (discovery + JWKS over HTTP on loopback) publishing
/// an RSA and an EC key, as Keycloak, Entra ID and Okta do; rotation, foreign keys, audience, issuer and lifetime.
/// </summary>
public sealed class OidcTests : IAsyncLifetime
{
    private const string Audience = "medimaging-api";
    private readonly IdentityProviderKey _rsa = IdentityProviderKey.Rsa("rsa-2026");
    private readonly IdentityProviderKey _ec = IdentityProviderKey.EcP256("ec-2026");
    private FakeIdentityProvider _idp = null!;

    public async Task InitializeAsync() => _idp = await FakeIdentityProvider.StartAsync(_rsa, _ec);

    public async Task DisposeAsync() => await _idp.DisposeAsync();

    [Fact]
    public async Task Token_SignedWithRs256OrEs256PublishedKey_Accepted()
    {
        await using var server = await StartServerAsync();
        var client = Client(server, out var channel);
        using (channel)
        {
            Assert.Empty((await client.ListReportsAsync(new ListReportsRequest(), Bearer(_idp.IssueToken(_rsa, "rsa-user", Audience)))).Reports);
            Assert.Empty((await client.ListReportsAsync(new ListReportsRequest(), Bearer(_idp.IssueToken(_ec, "ec-user", Audience)))).Reports);
        }
    }

    [Fact]
    public async Task Token_SignedByKeyAddedAfterStart_AcceptedWithoutRestart()
    {
        var rotated = IdentityProviderKey.EcP256("ec-rotated");
        _idp.Publish(_rsa);
        await using var server = await StartServerAsync();
        var client = Client(server, out var channel);
        using (channel)
        {
            Assert.Empty((await client.ListReportsAsync(new ListReportsRequest(), Bearer(_idp.IssueToken(_rsa, "before", Audience)))).Reports);
            var fetchesBefore = _idp.JwksRequests;

            _idp.Publish(_rsa, rotated);
            var token = _idp.IssueToken(rotated, "after-rotation", Audience);
            var outcomes = new List<StatusCode>();
            for (var attempt = 0; attempt < 20 && outcomes.LastOrDefault(StatusCode.Unknown) != StatusCode.OK; attempt++)
            {
                outcomes.Add(await StatusOfAsync(client, token));
                if (outcomes[^1] != StatusCode.OK)
                {
                    await Task.Delay(100);
                }
            }

            // Not one call refused: the first call with the new kid waits for the refetched key set.
            Assert.Equal([StatusCode.OK], outcomes);
            Assert.True(_idp.JwksRequests > fetchesBefore, "the unknown kid made the server fetch the key set again");
        }
    }

    [Fact]
    public async Task Token_SignedByUnpublishedKey_Unauthenticated()
    {
        await using var server = await StartServerAsync();
        var client = Client(server, out var channel);
        using (channel)
        {
            var stranger = IdentityProviderKey.Rsa("rsa-2026");
            Assert.Equal(StatusCode.Unauthenticated, await StatusOfAsync(client, _idp.IssueToken(stranger, "mallory", Audience)));
            Assert.Equal(StatusCode.Unauthenticated, await StatusOfAsync(client, _idp.IssueToken(IdentityProviderKey.EcP256("unknown-kid"), "mallory", Audience)));
        }
    }

    [Fact]
    public async Task Token_WrongAudienceOrIssuer_Unauthenticated()
    {
        await using var server = await StartServerAsync();
        var client = Client(server, out var channel);
        using (channel)
        {
            Assert.Equal(StatusCode.Unauthenticated, await StatusOfAsync(client, _idp.IssueToken(_rsa, "u", "another-api")));
            Assert.Equal(StatusCode.Unauthenticated, await StatusOfAsync(client, _idp.IssueToken(_rsa, "u", Audience, issuer: "https://elsewhere.example/realms/x")));
            Assert.Equal(StatusCode.OK, await StatusOfAsync(client, _idp.IssueToken(_rsa, "u", Audience)));
        }
    }

    [Fact]
    public async Task Token_LivingLongerThanMaximum_Unauthenticated()
    {
        await using var server = await StartServerAsync(new() { ["JWT_MAX_LIFETIME_MINUTES"] = "60" });
        var client = Client(server, out var channel);
        using (channel)
        {
            Assert.Equal(StatusCode.Unauthenticated, await StatusOfAsync(client, _idp.IssueToken(_rsa, "u", Audience, lifetime: TimeSpan.FromMinutes(61))));
            Assert.Equal(StatusCode.OK, await StatusOfAsync(client, _idp.IssueToken(_rsa, "u", Audience, lifetime: TimeSpan.FromMinutes(59))));
        }
    }

    [Fact]
    public async Task Token_UserClaimConfigured_ReportsOwnedByThatClaim()
    {
        await using var server = await StartServerAsync(new() { ["JWT_USER_CLAIM"] = "oid" });
        var client = Client(server, out var channel);
        using (channel)
        {
            var token = _idp.IssueToken(_ec, "pairwise-sub-1", Audience, claims: new Dictionary<string, object> { ["oid"] = "object-id-7" });
            var report = await client.AnalyzeToReportAsync(Calls.Request(TestImages.ChestPhantomPng(64, seed: 81)), Bearer(token));
            var otherSub = _idp.IssueToken(_ec, "pairwise-sub-2", Audience, claims: new Dictionary<string, object> { ["oid"] = "object-id-7" });

            Assert.Equal(report.Id, (await client.GetReportAsync(new GetReportRequest { ReportId = report.Id }, Bearer(otherSub))).Report.Id);
            var withoutOid = _idp.IssueToken(_ec, "pairwise-sub-1", Audience);
            Assert.Equal(StatusCode.Unauthenticated, await StatusOfAsync(client, withoutOid));
        }
    }

    [Theory]
    [InlineData(null, "roles")]
    [InlineData("realm_access.roles", "realm_access")]
    public async Task Token_RoleClaim_RolesReachThePrincipal(string? roleClaim, string claimInToken)
    {
        await using var server = await StartServerAsync(new() { ["JWT_ROLE_CLAIM"] = roleClaim });
        object roles = new[] { "audit-admin", "clinician" };
        var claims = new Dictionary<string, object> { [claimInToken] = claimInToken == "roles" ? roles : new Dictionary<string, object> { ["roles"] = roles } };
        var token = _idp.IssueToken(_rsa, "admin-user", Audience, claims: claims);

        // The server's own authentication handler, as the gRPC and REST pipelines run it.
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = server.Services };
        context.Request.Headers.Authorization = "Bearer " + token;
        var result = await Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions.AuthenticateAsync(context, MedicalImaging.Server.Security.MedicalImagingAuthentication.Scheme);

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.True(result.Principal!.IsInRole("audit-admin"));
        Assert.True(result.Principal.IsInRole("clinician"));
        Assert.False(result.Principal.IsInRole("admin"));
        Assert.Equal("admin-user", result.Principal.Identity!.Name);
    }

    [Fact]
    public async Task Start_AuthorityWithoutAudience_FailsNamingJwtAudience()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["JWT_AUTHORITY"] = _idp.Issuer,
            ["JWT_REQUIRE_HTTPS_METADATA"] = "false",
        }));
        Assert.Contains("JWT_AUTHORITY needs JWT_AUDIENCE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_HttpAuthorityWhileHttpsRequired_FailsNamingSetting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["JWT_AUTHORITY"] = _idp.Issuer,
            ["JWT_AUDIENCE"] = Audience,
        }));
        Assert.Contains($"JWT_AUTHORITY={_idp.Issuer} is not https", error.Message, StringComparison.Ordinal);
    }

    private Task<RunningServer> StartServerAsync(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["JWT_AUTHORITY"] = _idp.Issuer,
            ["JWT_AUDIENCE"] = Audience,
            // The provider runs on loopback over http; production keeps the default (true).
            ["JWT_REQUIRE_HTTPS_METADATA"] = "false",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return RunningServer.StartAsync(settings);
    }

    private static ImagingService.ImagingServiceClient Client(RunningServer server, out Grpc.Net.Client.GrpcChannel channel)
    {
        channel = Grpc.Net.Client.GrpcChannel.ForAddress(server.GrpcAddress);
        return new ImagingService.ImagingServiceClient(channel);
    }

    private static Metadata Bearer(string token) => new() { { "authorization", "Bearer " + token } };

    private static async Task<StatusCode> StatusOfAsync(ImagingService.ImagingServiceClient client, string token)
    {
        try
        {
            await client.ListReportsAsync(new ListReportsRequest(), Bearer(token));
            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }
}
