using System.Net;
using MedicalImaging.Server.Configuration;

namespace MedicalImaging.Server.Hosting;

/// <summary>
/// Whether gRPC server reflection is mapped: GRPC_REFLECTION when set, otherwise only on a loopback bind, where
/// the only callers are on the machine (developers with grpcurl). On a public bind it would list every RPC and
/// message to anyone who connects, so it stays off unless asked for.
/// </summary>
public static class GrpcReflectionPolicy
{
    public static bool IsEnabled(MedicalImagingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (bool.TryParse(options.GrpcReflection, out var explicitChoice))
        {
            return explicitChoice;
        }

        return IPAddress.TryParse(options.BindAddress, out var address) && IPAddress.IsLoopback(address);
    }
}
