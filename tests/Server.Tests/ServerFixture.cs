using Grpc.Core;
using Grpc.Net.Client;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Tests.Support;

namespace MedicalImaging.Server.Tests;

/// <summary>One real server shared by the tests of a class.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private GrpcChannel? _channel;

    public RunningServer Server { get; private set; } = null!;

    public ImagingService.ImagingServiceClient Client { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await RunningServer.StartAsync();
        _channel = GrpcChannel.ForAddress(Server.GrpcAddress);
        Client = new ImagingService.ImagingServiceClient(_channel);
        Http = new HttpClient { BaseAddress = Server.HttpAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Metadata AuthFor(string user) => new() { { "authorization", "Bearer " + Server.IssueToken(user) } };

    public async Task DisposeAsync()
    {
        Http.Dispose();
        _channel?.Dispose();
        await Server.DisposeAsync();
    }
}
