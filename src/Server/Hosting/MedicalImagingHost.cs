using System.Net;
using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MedicalImaging.Server.Hosting;

/// <summary>The standalone server: Kestrel on two ports (gRPC h2c and REST HTTP/1.1, or both TLS with ALPN), JSON logs.</summary>
public static class MedicalImagingHost
{
    /// <summary>Builds the standalone application; <paramref name="overrides"/> win over the environment (tests use them).</summary>
    /// <exception cref="InvalidOperationException">TLS_CERT_PATH / TLS_KEY_PATH are set but unusable (the message names which).</exception>
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? overrides = null) =>
        Build(args, overrides, readEnvironment: true);

    /// <summary>Builds the application; with <paramref name="readEnvironment"/> false no environment variable
    /// (MEDICAL_IMAGING_*, provider keys, JWT_*, OTEL_*, ASPNETCORE_*, DOTNET_* …) reaches its configuration, so an
    /// in-process test server depends only on the <paramref name="overrides"/> it passes, never on the developer's shell.</summary>
    /// <exception cref="InvalidOperationException">TLS_CERT_PATH / TLS_KEY_PATH are set but unusable (the message names which).</exception>
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? overrides, bool readEnvironment) =>
        Build(args, overrides, readEnvironment, configureServices: null);

    /// <summary>
    /// As above; <paramref name="configureServices"/> runs before the service registers itself, so what it registers
    /// first is kept (a test's <see cref="TimeProvider"/>, a provider of its own: see AddMedicalImaging).
    /// </summary>
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? overrides, bool readEnvironment,
        Action<IServiceCollection>? configureServices)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (!readEnvironment)
        {
            foreach (var source in builder.Configuration.Sources.OfType<Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationSource>().ToList())
            {
                builder.Configuration.Sources.Remove(source);
            }
        }

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
        var tls = builder.Configuration.Get<TlsOptions>() ?? new TlsOptions();
        var certificate = tls.Enabled ? new ServerCertificateSource(tls) : null;
        if (certificate is not null)
        {
            builder.Services.AddSingleton(certificate);
        }

        builder.Services.AddHostedService<TransportSecurityNotice>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var address = IPAddress.Parse(options.BindAddress);
            kestrel.Listen(address, options.GrpcPort, listen => listen.UseMedicalImagingTransport(certificate, HttpProtocols.Http2));
            kestrel.Listen(address, options.HttpPort, listen => listen.UseMedicalImagingTransport(certificate, HttpProtocols.Http1));
            // Inline images arrive base64-encoded in REST bodies (4/3 of their size).
            kestrel.Limits.MaxRequestBodySize = options.MaxImageBytes * 4 / 3 + (1 << 20);
        });

        configureServices?.Invoke(builder.Services);
        builder.Services.AddMedicalImaging(builder.Configuration);
        var app = builder.Build();
        app.MapMedicalImaging();
        return app;
    }
}
