using MedicalImaging.Server.Routing;
using MedicalImaging.Server.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

// Beside MapMedicalImaging, which calls it.
namespace MedicalImaging.Server.WebConsole;

/// <summary>
/// The browser console: static files embedded in the assembly, served without a token under
/// <c>/console/</c> on the REST (HTTP/1.1) port; <c>/</c> redirects there. The page calls the REST API
/// with the bearer token the user pastes, so every API call is authenticated as usual.
/// </summary>
public static class ConsoleEndpoints
{
    public const string BasePath = "/console";

    /// <summary>Self only: no inline script or style, images from the API as blob: URLs.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; connect-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>Maps <c>GET/HEAD /console/{path}</c> (the embedded files) and the redirects of <c>/</c> and <c>/console</c>.</summary>
    public static WebApplication MapConsole(this WebApplication app)
    {
        var assets = ConsoleAssets.Load(typeof(ConsoleEndpoints).Assembly);
        var console = app.MapGroup(string.Empty).AllowAnonymous().ExcludeFromDescription().WithMetadata(MedicalImagingEndpoint.Marker).AddEndpointFilter(async (context, next) =>
            IsGrpcPort(context.HttpContext) ? Results.NotFound() : await next(context));

        // Last in line: an application that mounts the service and has its own "/" keeps it.
        console.MapGet("/", () => Results.Redirect(BasePath + "/")).Add(endpoint => ((RouteEndpointBuilder)endpoint).Order = 1000);
        console.MapMethods(BasePath + "/{**path}", [HttpMethods.Get, HttpMethods.Head], (string? path, HttpContext context) =>
        {
            if (string.IsNullOrEmpty(path) && !context.Request.Path.Value!.EndsWith('/'))
            {
                // The page's relative URLs (app.js, console.css) need the trailing slash.
                return Results.Redirect(BasePath + "/");
            }

            var asset = assets.Find(string.IsNullOrEmpty(path) ? "index.html" : path);
            if (asset is null)
            {
                return Results.NotFound();
            }

            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            // Revalidate every time (the ETag makes that a 304): a new server build must never run stale script.
            headers.CacheControl = "no-cache";
            return Results.Bytes(asset.Content, asset.ContentType, entityTag: asset.EntityTag);
        });
        return app;
    }

    /// <summary>
    /// The standalone host listens for gRPC (h2c) and REST (HTTP/1.1) on two ports; the console belongs to
    /// the REST one. A host that mounts the service on one port serves it there.
    /// </summary>
    private static bool IsGrpcPort(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<MedicalImagingOptions>>().Value;
        return options.GrpcPort != options.HttpPort && context.Connection.LocalPort == options.GrpcPort;
    }
}
