using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Server.Hosting;
using MedicalImaging.Tests.Support;
using MedicalImaging.Tests.Support.Tls;
using Microsoft.Extensions.Logging;

namespace MedicalImaging.Server.Tests.Security;

/// <summary>Both ports over TLS from PEM files the tests make (root → intermediate → localhost), with each kind of client.</summary>
public sealed class TlsTests : TlsServerTestBase, IAsyncLifetime
{
    [Fact]
    public async Task Grpc_OverTlsWithAlpnH2_AnalyzesAndAuthenticates()
    {
        using var channel = GrpcChannel.ForAddress(Server.GrpcAddress, new GrpcChannelOptions { HttpHandler = Certificates.CreateTrustingHandler() });
        var client = new ImagingService.ImagingServiceClient(channel);
        var auth = new Metadata { { "authorization", "Bearer " + Server.IssueToken("tls-user") } };

        var report = await client.AnalyzeToReportAsync(Calls.Request(TestImages.ChestPhantomPng(64, seed: 71)), auth);

        Assert.StartsWith("rpt_", report.Id);
        Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<RpcException>(() => client.ListReportsAsync(new ListReportsRequest()).ResponseAsync)).StatusCode);
    }

    [Theory]
    [InlineData("grpc")]
    [InlineData("http")]
    public async Task Port_NegotiatesH2AndHttp11ByAlpn_ServesChainAndTls12OrLater(string port)
    {
        var address = port == "grpc" ? Server.GrpcAddress : Server.HttpAddress;
        foreach (var (offered, expected) in new[] { ("h2", SslApplicationProtocol.Http2), ("http/1.1", SslApplicationProtocol.Http11) })
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, address.Port);
            await using var tls = new SslStream(tcp.GetStream());
            X509Chain? presented = null;
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                ApplicationProtocols = [new SslApplicationProtocol(offered)],
                RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
                {
                    presented = chain;
                    return Certificates.Validate(sender, certificate, chain, errors);
                },
            });

            Assert.Equal(expected, tls.NegotiatedApplicationProtocol);
            Assert.True(tls.SslProtocol is SslProtocols.Tls12 or SslProtocols.Tls13, $"negotiated {tls.SslProtocol}");
            Assert.Equal(Certificates.Server.Thumbprint, new X509Certificate2(tls.RemoteCertificate!).Thumbprint);
        }
    }

    [Fact]
    public async Task Rest_OverHttps_HealthOpenReportsNeedToken()
    {
        using var http = new HttpClient(Certificates.CreateTrustingHandler()) { BaseAddress = Server.HttpAddress };
        using var health = await http.GetAsync(new Uri("/api/v1/medical-imaging/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var anonymous = await http.GetAsync(new Uri("/api/v1/medical-imaging/reports", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/medical-imaging/reports");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Server.IssueToken("rest-tls"));
        using var reports = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, reports.StatusCode);
        Assert.Equal("https", Server.HttpAddress.Scheme);
    }

    [Fact]
    public async Task GrpcWeb_OverHttps11_UnaryAndStreamingWork()
    {
        using var handler = new GrpcWebHandler(GrpcWebMode.GrpcWeb, Certificates.CreateTrustingHandler());
        using var channel = GrpcChannel.ForAddress(Server.HttpAddress, new GrpcChannelOptions
        {
            HttpHandler = handler,
            HttpVersion = HttpVersion.Version11,
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        var client = new ImagingService.ImagingServiceClient(channel);
        Assert.Equal(ServingStatus.Serving, (await client.GetHealthAsync(new GetHealthRequest())).Status);

        var auth = new Metadata { { "authorization", "Bearer " + Server.IssueToken("browser-tls") } };
        var events = await client.AnalyzeAsync(Calls.Request(TestImages.ChestPhantomPng(64, seed: 72)), auth);
        Assert.StartsWith("rpt_", events[^1].Result.Report.Id);
    }

    [Fact]
    public async Task WebSocket_Wss_ReplaysAnalysisToResult()
    {
        using var channel = GrpcChannel.ForAddress(Server.GrpcAddress, new GrpcChannelOptions { HttpHandler = Certificates.CreateTrustingHandler() });
        var client = new ImagingService.ImagingServiceClient(channel);
        var token = Server.IssueToken("wss-user");
        var events = await client.AnalyzeAsync(Calls.Request(TestImages.ChestPhantomPng(64, seed: 73)), new Metadata { { "authorization", "Bearer " + token } });
        var analysisId = events[0].AnalysisId;

        using var socket = new ClientWebSocket();
        socket.Options.RemoteCertificateValidationCallback = Certificates.Validate;
        await socket.ConnectAsync(new Uri($"wss://127.0.0.1:{Server.HttpAddress.Port}/ws/medical-imaging/{analysisId}?token={token}"), CancellationToken.None);
        var received = new StringBuilder();
        var buffer = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(Calls.Timeout);
        while (!received.ToString().Contains("\"type\":\"result\"", StringComparison.Ordinal))
        {
            var read = await socket.ReceiveAsync(buffer, timeout.Token);
            Assert.NotEqual(WebSocketMessageType.Close, read.MessageType);
            received.Append(Encoding.UTF8.GetString(buffer, 0, read.Count));
        }

        Assert.Contains(analysisId, received.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_NotTrustingTheCa_FailsWithCertificateError()
    {
        using var channel = GrpcChannel.ForAddress(Server.GrpcAddress);
        var client = new ImagingService.ImagingServiceClient(channel);
        var error = await Assert.ThrowsAsync<RpcException>(() => client.GetHealthAsync(new GetHealthRequest()).ResponseAsync);
        // Grpc.Net.Client reports a failed handshake as Internal, with the reason in the detail.
        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("The remote certificate is invalid", error.Status.Detail, StringComparison.Ordinal);
        Assert.IsType<AuthenticationException>(error.Status.DebugException?.InnerException);

        using var http = new HttpClient();
        var rest = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(Server.HttpAddress, "/api/v1/medical-imaging/health")));
        Assert.IsType<AuthenticationException>(rest.InnerException);
    }

    [Fact]
    public async Task CertificateFiles_Replaced_NewConnectionsGetNewCertificateWithoutRestart()
    {
        var before = await PresentedThumbprintAsync();
        var renewed = Certificates.WriteServerCertificate("localhost-renewed");

        var after = await PresentedThumbprintAsync();

        Assert.Equal(Certificates.Server.Thumbprint, after);
        Assert.Equal(renewed.Thumbprint, after);
        Assert.NotEqual(before, after);
    }

    private async Task<string> PresentedThumbprintAsync()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, Server.HttpAddress.Port);
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost", RemoteCertificateValidationCallback = Certificates.Validate });
        return new X509Certificate2(tls.RemoteCertificate!).Thumbprint;
    }
}

/// <summary>TLS settings that cannot work stop the server at start with a message naming the variable.</summary>
public sealed class TlsStartupTests : IDisposable
{
    private readonly TestCertificates Certificates = TestCertificates.Create();

    public void Dispose() => Certificates.Dispose();

    [Fact]
    public void Build_OnlyCertificateSet_FailsNamingKeyPath()
    {
        var error = Assert.Throws<InvalidOperationException>(() => MedicalImagingHost.Build([], Settings(Certificates.CertificatePath, null), readEnvironment: false));
        Assert.Contains("TLS_CERT_PATH is set but TLS_KEY_PATH is not", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_MissingKeyFile_FailsNamingKeyPath()
    {
        var missing = Path.Combine(Certificates.Directory, "absent.pem");
        var error = Assert.Throws<InvalidOperationException>(() => MedicalImagingHost.Build([], Settings(Certificates.CertificatePath, missing), readEnvironment: false));
        Assert.Equal($"TLS_KEY_PATH={missing}: no such file.", error.Message);
    }

    [Fact]
    public void Build_KeyOfAnotherCertificate_FailsNamingBothPaths()
    {
        var (_, otherKey) = Certificates.IssueServerCertificate("other");
        var otherKeyPath = Path.Combine(Certificates.Directory, "other-key.pem");
        File.WriteAllText(otherKeyPath, otherKey);
        var error = Assert.Throws<InvalidOperationException>(() => MedicalImagingHost.Build([], Settings(Certificates.CertificatePath, otherKeyPath), readEnvironment: false));
        Assert.StartsWith($"TLS_KEY_PATH={otherKeyPath} is not the private key of the certificate in TLS_CERT_PATH={Certificates.CertificatePath}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_CertificateAndKeyInOneFile_ServesThatCertificate()
    {
        var combined = Path.Combine(Certificates.Directory, "combined.pem");
        File.WriteAllText(combined, File.ReadAllText(Certificates.KeyPath) + "\n" + File.ReadAllText(Certificates.CertificatePath));
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?> { ["TLS_CERT_PATH"] = combined, ["TLS_KEY_PATH"] = combined });
        using var http = new HttpClient(Certificates.CreateTrustingHandler());

        using var health = await http.GetAsync(new Uri(server.HttpAddress, "/api/v1/medical-imaging/health"));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public void Build_CertificateFileWithoutPem_FailsNamingCertPath()
    {
        var error = Assert.Throws<InvalidOperationException>(() => MedicalImagingHost.Build([], Settings(Certificates.KeyPath, Certificates.KeyPath), readEnvironment: false));
        Assert.Contains($"TLS_CERT_PATH={Certificates.KeyPath} holds no PEM certificate", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Settings(string? cert, string? key) => new()
    {
        ["TLS_CERT_PATH"] = cert,
        ["TLS_KEY_PATH"] = key,
        ["MEDICAL_IMAGING_BIND_ADDRESS"] = "127.0.0.1",
        ["MEDICAL_IMAGING_DATA_DIR"] = Path.GetTempPath(),
    };
}

/// <summary>The start-up notice about transport security.</summary>
public sealed class TransportSecurityNoticeTests
{
    [Theory]
    [InlineData("0.0.0.0", 1)]
    [InlineData("10.1.2.3", 1)]
    [InlineData("127.0.0.1", 0)]
    [InlineData("::1", 0)]
    public async Task Start_WithoutTls_WarnsOfCleartextUnlessLoopback(string bindAddress, int warnings)
    {
        using var capture = new LogCapture();
        using var factory = new LoggerFactory([capture]);
        var notice = new MedicalImaging.Server.Tls.TransportSecurityNotice(
            Microsoft.Extensions.Options.Options.Create(new MedicalImaging.Server.Configuration.MedicalImagingOptions { BindAddress = bindAddress }),
            factory.CreateLogger<MedicalImaging.Server.Tls.TransportSecurityNotice>());

        await notice.StartAsync(CancellationToken.None);

        Assert.Equal(warnings, capture.Text.Split('\n').Count(line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains("cleartext", StringComparison.Ordinal)));
    }
}
