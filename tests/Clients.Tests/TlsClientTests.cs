using Grpc.Core;
using MedicalImaging.Client;
using MedicalImaging.Tests.Support;
using MedicalImaging.Tests.Support.Tls;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalImaging.Clients.Tests;

/// <summary>The .NET SDK and the medimg CLI against a server serving TLS with a certificate from a test CA.</summary>
public sealed class TlsClientTests : TlsServerTestBase, IAsyncLifetime
{
    [Fact]
    public async Task Sdk_HttpsWithCaCertificatePath_AnalyzesAndLists()
    {
        using var client = ImagingClient.Create(new ImagingClientOptions
        {
            Address = Server.GrpcAddress,
            Token = Server.IssueToken("sdk-tls"),
            CaCertificatePath = Certificates.CaPath,
        });
        AnalysisUpdate? last = null;
        await foreach (var update in client.AnalyzeAsync(new AnalysisSubmission { Images = [new ImageFile("a.png", TestImages.ChestPhantomPng(64, seed: 91))] }))
        {
            last = update;
        }

        Assert.Contains(last!.Result!.Report.Id, (await client.ListReportsAsync()).Reports.Select(r => r.Id));
        Assert.Equal("https", Server.GrpcAddress.Scheme);
    }

    [Fact]
    public async Task Sdk_FromDependencyInjectionWithCa_Connects()
    {
        var services = new ServiceCollection();
        services.AddImagingClient(options =>
        {
            options.Address = Server.GrpcAddress;
            options.CaCertificatePath = Certificates.CaPath;
        });
        await using var provider = services.BuildServiceProvider();

        var health = await provider.GetRequiredService<ImagingClient>().GetHealthAsync();

        Assert.NotNull(health);
    }

    [Fact]
    public async Task Sdk_WithoutTheCa_FailsSayingTheCertificateWasRefused()
    {
        using var client = ImagingClient.Create(new ImagingClientOptions { Address = Server.GrpcAddress, Token = Server.IssueToken("sdk-tls") });

        var error = await Assert.ThrowsAsync<ImagingException>(() => client.GetHealthAsync());

        Assert.StartsWith("TLS: the server's certificate was refused", error.Message, StringComparison.Ordinal);
        Assert.Contains("CaCertificatePath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sdk_CaOfAnotherAuthority_Refused()
    {
        using var stranger = TestCertificates.Create("Some Other Root CA");
        using var client = ImagingClient.Create(new ImagingClientOptions { Address = Server.GrpcAddress, CaCertificatePath = stranger.CaPath });

        var error = await Assert.ThrowsAsync<ImagingException>(() => client.GetHealthAsync());

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.StartsWith("TLS: the server's certificate was refused", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_CaCertFlagOrEnvironment_ListsOverHttps()
    {
        var env = new Dictionary<string, string?>
        {
            ["MEDIMG_SERVER"] = Server.GrpcAddress.ToString(),
            ["MEDIMG_TOKEN"] = Server.IssueToken("cli-tls"),
        };
        var (code, stdout, stderr) = await Medimg.RunAsync(env, null, "reports", "list", "--ca-cert", Certificates.CaPath);
        Assert.True(code == 0, stderr);

        env["MEDIMG_CA_CERT"] = Certificates.CaPath;
        (code, stdout, stderr) = await Medimg.RunAsync(env, null, "health", "--json");
        Assert.True(code == 0, stderr);
        Assert.Contains("\"status\"", stdout, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Cli_WithoutCa_ExitsServerErrorNamingCaCert()
    {
        var env = new Dictionary<string, string?> { ["MEDIMG_SERVER"] = Server.GrpcAddress.ToString() };
        var (code, _, stderr) = await Medimg.RunAsync(env, null, "health");

        Assert.Equal(5, code);
        Assert.Contains("TLS: the server's certificate was refused", stderr, StringComparison.Ordinal);
        Assert.Contains("--ca-cert", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_CaCertMissingFile_UsageError()
    {
        var env = new Dictionary<string, string?> { ["MEDIMG_SERVER"] = Server.GrpcAddress.ToString() };
        var missing = Path.Combine(Certificates.Directory, "nope.pem");
        var (code, _, stderr) = await Medimg.RunAsync(env, null, "health", "--ca-cert", missing);

        Assert.Equal(1, code);
        Assert.Contains($"--ca-cert: CA certificate file {missing} cannot be read", stderr, StringComparison.Ordinal);
    }
}
