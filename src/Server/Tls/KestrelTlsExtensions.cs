using System.Net.Security;
using System.Security.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace MedicalImaging.Server.Tls;

/// <summary>How one listening port speaks: cleartext with one protocol, or TLS with ALPN choosing HTTP/2 or HTTP/1.1.</summary>
public static class KestrelTlsExtensions
{
    /// <summary>TLS 1.2 is the floor (1.0/1.1 are deprecated by RFC 8996); the OS picks 1.3 when both sides have it.</summary>
    public const SslProtocols MinimumProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;

    /// <summary>
    /// With <paramref name="certificate"/>: TLS, HTTP/1.1 and HTTP/2 on the one port (ALPN tells them apart, so gRPC,
    /// gRPC-Web, REST and WebSocket all work on either port). Without: cleartext <paramref name="cleartextProtocol"/>
    /// (Kestrel cannot tell h2c from HTTP/1.1 on one cleartext port).
    /// </summary>
    public static void UseMedicalImagingTransport(this ListenOptions listen, ServerCertificateSource? certificate, HttpProtocols cleartextProtocol)
    {
        ArgumentNullException.ThrowIfNull(listen);
        if (certificate is null)
        {
            listen.Protocols = cleartextProtocol;
            return;
        }

        listen.Protocols = HttpProtocols.Http1AndHttp2;
        listen.UseHttps(new TlsHandshakeCallbackOptions
        {
            // Kestrel adds the ALPN list (h2, http/1.1) from listen.Protocols to what this returns.
            OnConnection = _ => ValueTask.FromResult(new SslServerAuthenticationOptions
            {
                ServerCertificateContext = certificate.ForHandshake(),
                EnabledSslProtocols = MinimumProtocols,
                ClientCertificateRequired = false,
            }),
            HandshakeTimeout = TimeSpan.FromSeconds(10),
        });
    }
}
