namespace MedicalImaging.Tests.Support.Tls;

/// <summary>
/// A <see cref="RunningServer"/> serving TLS on both ports with a certificate chain (root → intermediate → localhost)
/// from a fresh test CA: the set-up the server's and the clients' TLS tests share.
/// </summary>
public sealed class TlsRunningServer : IAsyncDisposable
{
    private TlsRunningServer(TestCertificates certificates, RunningServer server)
    {
        Certificates = certificates;
        Server = server;
    }

    /// <summary>The PEM files (CA, chain, key) and trusting handlers.</summary>
    public TestCertificates Certificates { get; }

    /// <summary>The server, at https:// addresses.</summary>
    public RunningServer Server { get; }

    /// <summary>Makes the certificates and starts the server with TLS_CERT_PATH/TLS_KEY_PATH and <paramref name="settings"/>.</summary>
    public static async Task<TlsRunningServer> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var certificates = TestCertificates.Create();
        try
        {
            var values = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>(), StringComparer.Ordinal)
            {
                ["TLS_CERT_PATH"] = certificates.CertificatePath,
                ["TLS_KEY_PATH"] = certificates.KeyPath,
            };
            return new TlsRunningServer(certificates, await RunningServer.StartAsync(values));
        }
        catch
        {
            certificates.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Certificates.Dispose();
    }
}
