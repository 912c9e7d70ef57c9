using System.Net;
using MedicalImaging.Server.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Tls;

/// <summary>
/// Says once at start-up how the ports are protected: the certificate served, or a warning that tokens and
/// patient-derived data cross the network in cleartext (not said on a loopback bind, where a local proxy
/// terminates TLS or only the machine itself connects).
/// </summary>
public sealed partial class TransportSecurityNotice : IHostedService
{
    private readonly ServerCertificateSource? _certificate;
    private readonly MedicalImagingOptions _options;
    private readonly ILogger<TransportSecurityNotice> _logger;

    public TransportSecurityNotice(IOptions<MedicalImagingOptions> options, ILogger<TransportSecurityNotice> logger, ServerCertificateSource? certificate = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        _certificate = certificate;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_certificate is not null)
        {
            _certificate.Logger = _logger;
            var leaf = _certificate.Current.Leaf;
            LogTls(_logger, _options.GrpcPort, _options.HttpPort, leaf.Subject, leaf.NotAfter);
        }
        else if (!IPAddress.TryParse(_options.BindAddress, out var address) || !IPAddress.IsLoopback(address))
        {
            LogCleartext(_logger, _options.BindAddress, _options.GrpcPort, _options.HttpPort);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "TLS on ports {GrpcPort} and {HttpPort} (TLS 1.2+, ALPN h2/http1.1) with {Subject}, valid until {NotAfter:o}")]
    private static partial void LogTls(ILogger logger, int grpcPort, int httpPort, string subject, DateTime notAfter);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "No TLS: ports {GrpcPort} and {HttpPort} on {BindAddress} carry bearer tokens and patient-derived data in cleartext. Set TLS_CERT_PATH and TLS_KEY_PATH, or bind to loopback behind a TLS-terminating proxy")]
    private static partial void LogCleartext(ILogger logger, string bindAddress, int grpcPort, int httpPort);
}
