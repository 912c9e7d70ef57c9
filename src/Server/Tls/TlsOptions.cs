using Microsoft.Extensions.Configuration;

namespace MedicalImaging.Server.Tls;

/// <summary>
/// Transport security of the standalone host. Both set: both ports serve TLS with this certificate.
/// Neither set: cleartext (a warning is logged unless bound to loopback, e.g. behind a TLS-terminating proxy).
/// </summary>
public sealed class TlsOptions
{
    /// <summary>PEM certificate file; the server certificate first, then any intermediates of its chain.</summary>
    [ConfigurationKeyName("TLS_CERT_PATH")]
    public string? CertificatePath { get; set; }

    /// <summary>PEM private key file (PKCS#8, PKCS#1 RSA or SEC1 EC; unencrypted) of that certificate.</summary>
    [ConfigurationKeyName("TLS_KEY_PATH")]
    public string? KeyPath { get; set; }

    /// <summary>True when TLS is configured (at least one of the two paths set; validation requires both).</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath) || !string.IsNullOrWhiteSpace(KeyPath);
}
