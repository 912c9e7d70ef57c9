using System.Net;
using MedicalImaging.Server.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace MedicalImaging.Server.Hosting;

/// <summary>The standalone server: Kestrel on two ports (gRPC h2c and REST HTTP/1.1), JSON logs.</summary>
public static class MedicalImagingHost
{
    /// <summary>Builds the standalone application; <paramref name="overrides"/> win over the environment (tests use them).</summary>
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(json =>
        {
            json.IncludeScopes = true;
            json.UseUtcTimestamp = true;
            json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });

        var options = builder.Configuration.Get<MedicalImagingOptions>() ?? new MedicalImagingOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var address = IPAddress.Parse(options.BindAddress);
            kestrel.Listen(address, options.GrpcPort, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(address, options.HttpPort, listen => listen.Protocols = HttpProtocols.Http1);
            // Inline images arrive base64-encoded in REST bodies (4/3 of their size).
            kestrel.Limits.MaxRequestBodySize = options.MaxImageBytes * 4 / 3 + (1 << 20);
        });

        builder.Services.AddMedicalImaging(builder.Configuration);
        var app = builder.Build();
        app.MapMedicalImaging();
        return app;
    }
}
