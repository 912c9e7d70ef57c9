using System.Net;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using MedicalImaging.Auth;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Hosting;
using MedicalImaging.Tests.Support;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Tests.Hosting;

/// <summary>
/// The service mounted into a plain WebApplication that has its own gRPC service, global gRPC options (an interceptor,
/// a 1 KB message limit) and its own default authentication scheme: both answer, each with its own options.
/// </summary>
public sealed class MountedServiceTests : IAsyncLifetime
{
    private const int HostMessageLimit = 1024;
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("medimg-mounted-").FullName;
    private WebApplication _app = null!;
    private GrpcChannel _channel = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        // Only what this test sets: no exported GEMINI_API_KEY, JWT_SECRET ... of the developer's shell.
        foreach (var source in builder.Configuration.Sources.OfType<Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationSource>().ToList())
        {
            builder.Configuration.Sources.Remove(source);
        }

        // The service's settings live in a section of the host's configuration.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["MedicalImaging:MEDICAL_IMAGING_DATA_DIR"] = _dataDirectory,
            ["MedicalImaging:MEDICAL_IMAGING_BIND_ADDRESS"] = "127.0.0.1",
            ["MedicalImaging:AI_PROVIDER_ORDER"] = "local",
            ["MedicalImaging:LITERATURE_SEARCH_ENABLED"] = "false",
            ["MedicalImaging:PUBMED_BASE_URL"] = "http://127.0.0.1:9/",
            ["MedicalImaging:RATE_LIMIT_REQUESTS_PER_MINUTE"] = "1000",
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));

        // The host's own: a default scheme, global gRPC options, a service.
        builder.Services.AddAuthentication(HostHeaderAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, HostHeaderAuthenticationHandler>(HostHeaderAuthenticationHandler.SchemeName, _ => { });
        builder.Services.AddAuthorization();
        builder.Services.AddSingleton<HostCallLog>();
        builder.Services.AddGrpc(grpc =>
        {
            grpc.Interceptors.Add<HostCallLog>();
            grpc.MaxReceiveMessageSize = HostMessageLimit;
        });

        builder.Services.AddMedicalImaging(builder.Configuration.GetSection("MedicalImaging"));

        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapGrpcService<HostGreeter>();
        _app.MapMedicalImaging();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _channel = GrpcChannel.ForAddress(address);
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public void AddMedicalImaging_GivenASection_BindsItsSettingsFromThatSection()
    {
        var settings = _app.Services.GetRequiredService<IOptions<MedicalImagingOptions>>().Value;
        Assert.Equal(_dataDirectory, settings.DataDirectory);
        Assert.Equal(1000, settings.RateLimitRequestsPerMinute);
        Assert.Equal(["local"], _app.Services.GetRequiredService<IOptions<ProviderOptions>>().Value.Order);
    }

    [Fact]
    public async Task HostService_AnswersWithTheHostsSchemeInterceptorAndLimit_NotTheMountedServicesOptions()
    {
        var host = _channel.CreateCallInvoker();
        var hostUser = new Metadata { { HostHeaderAuthenticationHandler.Header, "alice" } };

        var greeting = await host.AsyncUnaryCall(HostGreeterService.GreetMethod, null, new CallOptions(hostUser, DateTime.UtcNow + Calls.Timeout), new StringValue { Value = "host" });
        Assert.Equal("hello host from alice", greeting.Value);
        Assert.Contains("/host.Greeter/Greet", _app.Services.GetRequiredService<HostCallLog>().Methods);

        // The host's default scheme stays the default: the service's bearer token means nothing to the host's service.
        var bearerOnly = new Metadata { { "authorization", "Bearer " + Token("alice") } };
        var refused = await Assert.ThrowsAsync<RpcException>(() => host.AsyncUnaryCall(HostGreeterService.GreetMethod, null, new CallOptions(bearerOnly, DateTime.UtcNow + Calls.Timeout), new StringValue { Value = "x" }).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);

        // The host's own message limit still holds for its service (the service's larger one is its own).
        var tooLarge = await Assert.ThrowsAsync<RpcException>(() => host.AsyncUnaryCall(HostGreeterService.GreetMethod, null, new CallOptions(hostUser, DateTime.UtcNow + Calls.Timeout), new StringValue { Value = new string('x', 4 * HostMessageLimit) }).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, tooLarge.StatusCode);

        // The service's exception mapping does not touch the host's failures: gRPC's own UNKNOWN, not the service's INTERNAL text.
        var failed = await Assert.ThrowsAsync<RpcException>(() => host.AsyncUnaryCall(HostGreeterService.FailMethod, null, new CallOptions(hostUser, DateTime.UtcNow + Calls.Timeout), new StringValue { Value = "x" }).ResponseAsync);
        Assert.Equal(StatusCode.Unknown, failed.StatusCode);
        Assert.DoesNotContain("correlation id", failed.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MountedService_AnswersHealthAndAnalysisWithItsOwnSchemeAndLimits()
    {
        var health = await new Grpc.Health.V1.Health.HealthClient(_channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow + Calls.Timeout);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);

        var imaging = new ImagingService.ImagingServiceClient(_channel);
        var anonymous = await imaging.GetHealthAsync(new GetHealthRequest(), deadline: DateTime.UtcNow + Calls.Timeout);
        Assert.Equal(ServingStatus.Serving, anonymous.Status);

        // The host's signed-in user is not the service's caller: the service asks for its own bearer token.
        var hostUserOnly = new Metadata { { HostHeaderAuthenticationHandler.Header, "alice" } };
        var refused = await Assert.ThrowsAsync<RpcException>(() => imaging.ListReportsAsync(new ListReportsRequest(), hostUserOnly, DateTime.UtcNow + Calls.Timeout).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);

        // An inline image far above the host's 1 KB limit: the service's own limit (MAX_IMAGE_SIZE_MB) applies to it.
        var request = Calls.Request(TestImages.ChestPhantomPng(128, seed: 5));
        Assert.True(request.CalculateSize() > 4 * HostMessageLimit);
        var auth = new Metadata { { "authorization", "Bearer " + Token("mounted-user") } };
        var report = await imaging.AnalyzeToReportAsync(request, auth);
        Assert.NotEmpty(report.Findings);
        Assert.All(report.Findings, finding => Assert.Equal("local", finding.Source));

        // The service's exception mapping applies to its own calls: another user's report is NOT_FOUND, not UNKNOWN.
        var intruder = new Metadata { { "authorization", "Bearer " + Token("intruder") } };
        var missing = await Assert.ThrowsAsync<RpcException>(() => imaging.GetReportAsync(new GetReportRequest { ReportId = report.Id }, intruder, DateTime.UtcNow + Calls.Timeout).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    private string Token(string user) => DevelopmentTokenIssuer.Issue(SigningKeyStore.Resolve(null, _dataDirectory), user, TimeSpan.FromHours(1), null, null);
}
