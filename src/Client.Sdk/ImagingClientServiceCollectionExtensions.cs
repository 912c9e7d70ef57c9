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
        }).ConfigurePrimaryHttpMessageHandler((handler, sp) =>
        {
            // The gRPC client factory's own handler, trusting only the configured CAs when there are any.
            var options = sp.GetRequiredService<IOptions<ImagingClientOptions>>().Value;
            if (handler is SocketsHttpHandler sockets)
            {
                MedicalImaging.Client.Tls.CaTrust.Apply(sockets, options);
            }
            else if (options.CaCertificates is not null || !string.IsNullOrWhiteSpace(options.CaCertificatePath))
            {
                throw new InvalidOperationException(
                    $"ImagingClientOptions.CaCertificatePath needs the default SocketsHttpHandler; the primary handler is a {handler.GetType().Name}.");
            }
        });
        services.TryAddTransient(sp => new ImagingClient(
            sp.GetRequiredService<V1.ImagingService.ImagingServiceClient>(),
            sp.GetRequiredService<IOptions<ImagingClientOptions>>().Value));
        return services;
    }
}
