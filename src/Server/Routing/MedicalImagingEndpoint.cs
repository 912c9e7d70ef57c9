using Microsoft.AspNetCore.Http;

namespace MedicalImaging.Server.Routing;

/// <summary>
/// Metadata on every endpoint MapMedicalImaging maps. The service's middleware (correlation id, audit, WebSockets,
/// gRPC-Web, its authentication) runs only for requests routed to an endpoint carrying it, so the requests of an
/// application that mounts the service pass through untouched.
/// </summary>
public sealed class MedicalImagingEndpoint
{
    private MedicalImagingEndpoint()
    {
    }

    /// <summary>The one instance.</summary>
    public static MedicalImagingEndpoint Marker { get; } = new();

    /// <summary>Whether <paramref name="context"/> was routed to one of the service's endpoints.</summary>
    public static bool IsTarget(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<MedicalImagingEndpoint>() is not null;
}
