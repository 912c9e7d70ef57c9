using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MedicalImaging.Server.Tls;

/// <summary>
/// Reads TLS_CERT_PATH / TLS_KEY_PATH (PEM) into a certificate with its chain. Every failure is an
/// <see cref="InvalidOperationException"/> whose message names the variable and says what is wrong, because
/// a server that starts without the TLS the operator asked for is worse than one that does not start.
/// </summary>
public static class ServerCertificateLoader
{
    /// <summary>Loads and checks the pair; throws with a message naming the variable when anything is wrong.</summary>
    public static ServerCertificate Load(TlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var certPath = options.CertificatePath;
        var keyPath = options.KeyPath;
        if (string.IsNullOrWhiteSpace(certPath) || string.IsNullOrWhiteSpace(keyPath))
        {
            var (set, missing) = string.IsNullOrWhiteSpace(certPath) ? ("TLS_KEY_PATH", "TLS_CERT_PATH") : ("TLS_CERT_PATH", "TLS_KEY_PATH");
            throw new InvalidOperationException(
                $"{set} is set but {missing} is not: set both (PEM certificate and private key) to serve TLS, or neither for cleartext.");
        }

        var certPem = ReadPem("TLS_CERT_PATH", certPath);
        var keyPem = ReadPem("TLS_KEY_PATH", keyPath);
        var certWritten = File.GetLastWriteTimeUtc(certPath);
        var keyWritten = File.GetLastWriteTimeUtc(keyPath);

        var chain = new X509Certificate2Collection();
        try
        {
            chain.ImportFromPem(certPem);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException($"TLS_CERT_PATH={certPath} is not a readable PEM certificate: {ex.Message}", ex);
        }

        if (chain.Count == 0)
        {
            throw new InvalidOperationException($"TLS_CERT_PATH={certPath} holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
        }

        if (keyPem.Contains("ENCRYPTED PRIVATE KEY", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"TLS_KEY_PATH={keyPath} is encrypted; give the unencrypted PEM key (readable only by the server's user).");
        }

        if (!keyPem.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"TLS_KEY_PATH={keyPath} holds no PEM private key (-----BEGIN PRIVATE KEY-----).");
        }

        X509Certificate2 leaf;
        try
        {
            // CreateFromPem takes the file's first certificate: the server's. The rest (intermediates) are sent as its chain.
            // Other PEM blocks are skipped, so one file holding certificate and key may be named by both variables.
            leaf = X509Certificate2.CreateFromPem(certPem, keyPem);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            // .NET reports a mismatched pair as ArgumentException and an unparsable key as CryptographicException.
            throw new InvalidOperationException(
                $"TLS_KEY_PATH={keyPath} is not the private key of the certificate in TLS_CERT_PATH={certPath} (subject {chain[0].Subject}), or is not a supported RSA/EC key: {ex.Message}", ex);
        }

        if (!leaf.HasPrivateKey)
        {
            throw new InvalidOperationException($"TLS_KEY_PATH={keyPath} does not hold the private key of {chain[0].Subject}.");
        }

        var intermediates = new X509Certificate2Collection();
        foreach (var certificate in chain)
        {
            if (!string.Equals(certificate.Thumbprint, leaf.Thumbprint, StringComparison.Ordinal))
            {
                intermediates.Add(certificate);
            }
        }

        // offline: build the chain from what the file gives; the server never fetches issuers over the network.
        var context = SslStreamCertificateContext.Create(leaf, intermediates, offline: true);
        return new ServerCertificate(leaf, context, certWritten, keyWritten);
    }

    /// <summary>True when either file was written after <paramref name="current"/> was read.</summary>
    public static bool HasChanged(TlsOptions options, ServerCertificate current)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(current);
        return File.GetLastWriteTimeUtc(options.CertificatePath!) != current.CertificateWrittenUtc
            || File.GetLastWriteTimeUtc(options.KeyPath!) != current.KeyWrittenUtc;
    }

    private static string ReadPem(string variable, string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (FileNotFoundException ex)
        {
            throw new InvalidOperationException($"{variable}={path}: no such file.", ex);
        }
        catch (DirectoryNotFoundException ex)
        {
            throw new InvalidOperationException($"{variable}={path}: no such file (the directory does not exist).", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new InvalidOperationException($"{variable}={path} cannot be read by this process: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException($"{variable}={path} cannot be read: {ex.Message}", ex);
        }
    }
}
