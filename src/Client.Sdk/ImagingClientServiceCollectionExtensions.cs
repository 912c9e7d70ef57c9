using MedicalImaging.Client;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using V1 = MedicalImaging.Contracts.V1;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="ImagingClient"/>.</summary>
public static class ImagingClientServiceCollectionExtensions
{
    /// <summary>Adds an <see cref="ImagingClient"/> (gRPC client from the client factory) configured by <paramref name="configure"/>.</summary>
    public static IServiceCollection AddImagingClient(this IServiceCollection services, Action<ImagingClientOptions> configure)
    {
        services.AddOptions<ImagingClientOptions>().Configure(configure);
        services.AddGrpcClient<V1.ImagingService.ImagingServiceClient>((sp, grpc) =>
        {
            grpc.Address = sp.GetRequiredService<IOptions<ImagingClientOptions>>().Value.Address;
        }).ConfigureChannel(channel =>
        {
            channel.MaxReceiveMessageSize = 64 * 1024 * 1024;
            channel.MaxSendMessageSize = 64 * 1024 * 1024;
        }).ConfigurePrimaryHttpMessageHandler(sp =>
            MedicalImaging.Client.Tls.CaTrust.CreateHandler(sp.GetRequiredService<IOptions<ImagingClientOptions>>().Value)
            ?? new SocketsHttpHandler { EnableMultipleHttp2Connections = true });
        services.TryAddTransient(sp => new ImagingClient(
            sp.GetRequiredService<V1.ImagingService.ImagingServiceClient>(),
            sp.GetRequiredService<IOptions<ImagingClientOptions>>().Value));
        return services;
    }
}
