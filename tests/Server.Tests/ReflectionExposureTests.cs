using Grpc.Core;
using Grpc.Reflection.V1Alpha;
using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Hosting;
using MedicalImaging.Tests.Support;

namespace MedicalImaging.Server.Tests;

/// <summary>Server reflection lists the whole API to anyone who connects: on by default only on a loopback bind.</summary>
public sealed class ReflectionExposureTests
{
    [Theory]
    [InlineData("127.0.0.1", null, true)]
    [InlineData("::1", null, true)]
    [InlineData("0.0.0.0", null, false)]
    [InlineData("10.1.2.3", null, false)]
    [InlineData("0.0.0.0", "true", true)]
    [InlineData("127.0.0.1", "false", false)]
    [InlineData("127.0.0.1", "FALSE", false)]
    public void IsEnabled_BindAddressAndSetting_OnOnlyForLoopbackUnlessOverridden(string bind, string? setting, bool expected) =>
        Assert.Equal(expected, GrpcReflectionPolicy.IsEnabled(new MedicalImagingOptions { BindAddress = bind, GrpcReflection = setting }));

    [Fact]
    public async Task Reflection_BoundToAllInterfaces_Unimplemented()
    {
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?> { ["MEDICAL_IMAGING_BIND_ADDRESS"] = "0.0.0.0" });
        Assert.Equal(StatusCode.Unimplemented, (await Assert.ThrowsAsync<RpcException>(() => ListServicesAsync(server))).StatusCode);
    }

    [Fact]
    public async Task Reflection_BoundToAllInterfacesWithGrpcReflectionTrue_ListsTheService()
    {
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["MEDICAL_IMAGING_BIND_ADDRESS"] = "0.0.0.0",
            ["GRPC_REFLECTION"] = "true",
        });
        Assert.Contains("medimaging.v1.ImagingService", await ListServicesAsync(server));
    }

    [Fact]
    public async Task Reflection_LoopbackWithGrpcReflectionFalse_Unimplemented()
    {
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?> { ["GRPC_REFLECTION"] = "false" });
        Assert.Equal(StatusCode.Unimplemented, (await Assert.ThrowsAsync<RpcException>(() => ListServicesAsync(server))).StatusCode);
    }

    [Fact]
    public async Task Start_GrpcReflectionNotABoolean_FailsNamingTheVariable()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunningServer.StartAsync(new Dictionary<string, string?> { ["GRPC_REFLECTION"] = "maybe" }));
        Assert.Contains("GRPC_REFLECTION", error.Message);
    }

    private static async Task<List<string>> ListServicesAsync(RunningServer server)
    {
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(server.GrpcAddress);
        using var call = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo(deadline: DateTime.UtcNow + Calls.Timeout);
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = string.Empty });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        return call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
    }
}
