using System.Net.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MedicalImaging.Server.Tls;

/// <summary>
/// The certificate each TLS handshake uses. Before a handshake it looks at the two files' write times (two stat
/// calls, against a handshake's ~1 ms of public-key work) and loads the pair again when either changed, so a
/// renewed certificate (cert-manager, certbot) is served to new connections without a restart. A pair that fails
/// to load (a renewal half written, a key not matching) is logged once and the previous certificate kept.
/// </summary>
public sealed partial class ServerCertificateSource
{
    private readonly TlsOptions _options;
    private readonly Lock _reload = new();
    private ServerCertificate _current;
    private (DateTime Cert, DateTime Key) _failedAt;

    public ServerCertificateSource(TlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _current = ServerCertificateLoader.Load(options);
    }

    /// <summary>Where reloads are reported; set by the host once logging exists.</summary>
    public ILogger Logger { get; set; } = NullLogger.Instance;

    /// <summary>The certificate served now.</summary>
    public ServerCertificate Current => Volatile.Read(ref _current);

    /// <summary>The certificate context for a new handshake, reloaded first when the files changed.</summary>
    public SslStreamCertificateContext ForHandshake()
    {
        var current = Current;
        try
        {
            if (ServerCertificateLoader.HasChanged(_options, current))
            {
                ReloadIfStillChanged();
            }
        }
        catch (IOException)
        {
            // A file briefly absent while a renewal replaces it: serve the previous certificate.
        }

        return Current.Context;
    }

    private void ReloadIfStillChanged()
    {
        lock (_reload)
        {
            var current = Current;
            var written = (File.GetLastWriteTimeUtc(_options.CertificatePath!), File.GetLastWriteTimeUtc(_options.KeyPath!));
            if (written == (current.CertificateWrittenUtc, current.KeyWrittenUtc) || written == _failedAt)
            {
                return;
            }

            try
            {
                var loaded = ServerCertificateLoader.Load(_options);
                Volatile.Write(ref _current, loaded);
                LogReloaded(Logger, loaded.Leaf.Subject, loaded.Leaf.NotAfter);
            }
            catch (InvalidOperationException ex)
            {
                _failedAt = written;
                LogReloadFailed(Logger, ex.Message, current.Leaf.Subject);
            }
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "TLS certificate reloaded: {Subject}, valid until {NotAfter:o}")]
    private static partial void LogReloaded(ILogger logger, string subject, DateTime notAfter);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "TLS certificate files changed but cannot be loaded ({Reason}); still serving {Subject}")]
    private static partial void LogReloadFailed(ILogger logger, string reason, string subject);
}
