using MedicalImaging.Server.Api;
using MedicalImaging.Server.Api.WebSockets;
using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Logging;
using MedicalImaging.Server.Telemetry;
using Grpc.AspNetCore.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Hosting;

/// <summary>Maps the MedicalImaging endpoints into an ASP.NET Core application.</summary>
public static class MedicalImagingEndpointExtensions
{
    /// <summary>
    /// Adds the correlation-id, authentication and authorization middleware and maps the gRPC service
    /// (with its REST routes), grpc.health.v1 and server reflection (when <see cref="GrpcReflectionPolicy"/> allows it).
    /// </summary>
    public static WebApplication MapMedicalImaging(this WebApplication app)
    {
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseMiddleware<MedicalImaging.Server.Audit.AuditMiddleware>();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.UseAuthentication();
        app.UseAuthorization();
        // gRPC-Web for browsers (over HTTP/1.1 on the REST port, or HTTP/2): unary and server streaming.
        app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
        app.MapAnalysisWebSocket();
        app.MapGrpcService<ImagingGrpcService>();
        app.MapGrpcService<AuditGrpcService>();
        app.MapGrpcHealthChecksService().AllowAnonymous();
        if (GrpcReflectionPolicy.IsEnabled(app.Services.GetRequiredService<IOptions<MedicalImagingOptions>>().Value))
        {
            app.MapGrpcReflectionService().AllowAnonymous();
        }

        app.MapConsole();
        DicomWeb.DicomWebEndpoints.MapDicomWeb(app);
        app.MapMedicalImagingMetrics();
        return app;
    }
}
