using Grpc.Core;
using MedicalImaging.Auth;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Tests.Support;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Tests.Security;

/// <summary>HS256 with JWT_SECRET: issuer and audience are required unless JWT_ALLOW_ANY_ISSUER=true.</summary>
public sealed class SharedSecretTests
{
    private const string Secret = "a-shared-secret-that-is-at-least-32-bytes!";

    [Fact]
    public async Task Start_SecretWithoutIssuerAndAudience_FailsNamingBoth()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => RunningServer.StartAsync(new Dictionary<string, string?> { ["JWT_SECRET"] = Secret }));
        Assert.Contains("JWT_SECRET is set without JWT_ISSUER and JWT_AUDIENCE", error.Message, StringComparison.Ordinal);
        Assert.Contains("JWT_ALLOW_ANY_ISSUER=true", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SecretWithAuthority_FailsAskingForOne()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["JWT_SECRET"] = Secret, ["JWT_AUTHORITY"] = "https://idp.example", ["JWT_AUDIENCE"] = "medimaging",
        }));
        Assert.Contains("JWT_AUTHORITY and JWT_SECRET are both set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_SecretWithAllowAnyIssuer_AcceptsTokenWithoutIssuerOrAudience()
    {
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?> { ["JWT_SECRET"] = Secret, ["JWT_ALLOW_ANY_ISSUER"] = "true" });
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(server.GrpcAddress);
        var client = new ImagingService.ImagingServiceClient(channel);
        var token = DevelopmentTokenIssuer.Issue(SigningKeyStore.Resolve(Secret, server.DataDirectory), "legacy", TimeSpan.FromMinutes(5), null, null);

        var response = await client.ListReportsAsync(new ListReportsRequest(), new Metadata { { "authorization", "Bearer " + token } });

        Assert.Empty(response.Reports);
    }

    [Fact]
    public async Task Call_TokenLivingLongerThanDefaultMaximum_Unauthenticated()
    {
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["JWT_SECRET"] = Secret, ["JWT_ISSUER"] = "https://idp.example", ["JWT_AUDIENCE"] = "medimaging",
        });
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(server.GrpcAddress);
        var client = new ImagingService.ImagingServiceClient(channel);
        var key = SigningKeyStore.Resolve(Secret, server.DataDirectory);
        var yearLong = DevelopmentTokenIssuer.Issue(key, "u", TimeSpan.FromDays(365), "https://idp.example", "medimaging");
        var dayLong = DevelopmentTokenIssuer.Issue(key, "u", TimeSpan.FromHours(23), "https://idp.example", "medimaging");

        var error = await Assert.ThrowsAsync<RpcException>(() => client.ListReportsAsync(new ListReportsRequest(), new Metadata { { "authorization", "Bearer " + yearLong } }).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Empty((await client.ListReportsAsync(new ListReportsRequest(), new Metadata { { "authorization", "Bearer " + dayLong } })).Reports);
    }
}
