using MedicalImaging.Server.Routing;
using MedicalImaging.Server.Api;
using MedicalImaging.Server.Api.WebSockets;
using MedicalImaging.Server.Audit;
using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.DicomWeb;
using MedicalImaging.Server.Logging;
using MedicalImaging.Server.Telemetry;
using MedicalImaging.Server.WebConsole;
using Grpc.AspNetCore.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Hosting;

/// <summary>Maps the MedicalImaging endpoints into an ASP.NET Core application.</summary>
public static class MedicalImagingEndpointExtensions
{
    /// <summary>
    /// Maps the gRPC services (with their REST routes and gRPC-Web), the WebSocket shim, grpc.health.v1, server reflection
    /// (when <see cref="GrpcReflectionPolicy"/> allows it), the console and /metrics; adds the correlation-id, audit,
    /// WebSocket and gRPC-Web middleware for those endpoints only (<see cref="MedicalImagingEndpoint"/>), and the standard
    /// authentication and authorization middleware. In an application with middleware of its own, call it after UseRouting
    /// (where the application calls it) and before its own UseAuthorization, so a refused call is still audited.
    /// </summary>
    public static WebApplication MapMedicalImaging(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(MedicalImagingEndpoint.IsTarget, own =>
        {
            own.UseMiddleware<CorrelationIdMiddleware>();
            own.UseMiddleware<AuditMiddleware>();
            own.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        });

        // On the application itself, after the audit: WebApplication would otherwise insert both at the very start (the
        // service registers authentication), before the audit could see a refusal. They are the standard middleware: the
        // application's own requests are authenticated with its own default scheme, the service's with its named policy.
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseWhen(MedicalImagingEndpoint.IsTarget, own =>
            // gRPC-Web for browsers (over HTTP/1.1 on the REST port, or HTTP/2): unary and server streaming.
            own.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true }));

        var marker = MedicalImagingEndpoint.Marker;
        app.MapAnalysisWebSocket().WithMetadata(marker);
        // The services name MedicalImagingAuthentication.Policy in their [Authorize]: on their methods only, so gRPC's
        // catch-all for unknown methods still answers UNIMPLEMENTED rather than asking for a token.
        app.MapGrpcService<ImagingGrpcService>().WithMetadata(marker);
        app.MapGrpcService<AuditGrpcService>().WithMetadata(marker);
        app.MapGrpcHealthChecksService().AllowAnonymous().WithMetadata(marker);
        if (GrpcReflectionPolicy.IsEnabled(app.Services.GetRequiredService<IOptions<MedicalImagingOptions>>().Value))
        {
            app.MapGrpcReflectionService().AllowAnonymous().WithMetadata(marker);
        }

        app.MapConsole();
        app.MapDicomWeb();
        app.MapMedicalImagingMetrics();
        return app;
    }
}
