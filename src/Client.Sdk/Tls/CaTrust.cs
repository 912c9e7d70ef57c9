using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MedicalImaging.Client.Tls;

/// <summary>
/// Server certificate checks for an https:// address. Default: the system trust store. With
/// <see cref="ImagingClientOptions.CaCertificatePath"/> or <see cref="ImagingClientOptions.CaCertificates"/>: those
/// CAs only (a hospital's private CA, a test CA), as curl's --cacert does; the host name is always checked.
/// </summary>
public static class CaTrust
{
    /// <summary>Reads every PEM certificate in <paramref name="path"/>; throws a message naming the file when there is none.</summary>
    /// <exception cref="InvalidOperationException">The file is missing, unreadable or holds no PEM certificate.</exception>
    public static X509Certificate2Collection LoadPem(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPemFile(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new InvalidOperationException($"CA certificate file {path} cannot be read: {ex.Message}", ex);
        }

        return certificates.Count > 0
            ? certificates
            : throw new InvalidOperationException($"CA certificate file {path} holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
    }

    /// <summary>The handler for a channel: null (the default handler, system trust) when no CA is given.</summary>
    public static SocketsHttpHandler? CreateHandler(ImagingClientOptions options)
    {
        // What GrpcChannel's own handler does: more than 100 concurrent streams open further connections.
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        if (Apply(handler, options))
        {
            return handler;
        }

        handler.Dispose();
        return null;
    }

    /// <summary>Makes <paramref name="handler"/> trust only the configured CAs; false (handler untouched) when none is configured.</summary>
    public static bool Apply(SocketsHttpHandler handler, ImagingClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(options);
        var roots = options.CaCertificates ?? (string.IsNullOrWhiteSpace(options.CaCertificatePath) ? null : LoadPem(options.CaCertificatePath));
        if (roots is null || roots.Count == 0)
        {
            return false;
        }

        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, presented, errors) => Validate(roots, certificate, presented, errors);
        return true;
    }

    private static bool Validate(X509Certificate2Collection roots, X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        // Private CAs rarely run an OCSP responder the client can reach.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            // The intermediates the server sent.
            foreach (var element in presented.ChainElements.Skip(1))
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }
}
