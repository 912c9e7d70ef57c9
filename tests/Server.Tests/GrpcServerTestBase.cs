using Grpc.Core;
using Grpc.Net.Client;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Tests.Support;

namespace MedicalImaging.Server.Tests;

/// <summary>A test class with a fresh in-process server (started with <paramref name="settings"/>) and a gRPC client on it, for each test.</summary>
public abstract class GrpcServerTestBase(IDictionary<string, string?>? settings = null) : IAsyncLifetime
{
    private GrpcChannel _channel = null!;

    /// <summary>The server of the running test.</summary>
    protected RunningServer Server { get; private set; } = null!;

    /// <summary>A client on <see cref="Server"/>'s gRPC port.</summary>
    protected ImagingService.ImagingServiceClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await RunningServer.StartAsync(settings);
        _channel = GrpcChannel.ForAddress(Server.GrpcAddress);
        Client = new ImagingService.ImagingServiceClient(_channel);
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>The call headers of <paramref name="user"/>: a bearer token the server issued.</summary>
    protected Metadata AuthFor(string user) => new() { { "authorization", "Bearer " + Server.IssueToken(user) } };
}
