using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MedicalImaging.Tests.Support.Tls;

/// <summary>
/// A certificate authority made for one test run: root CA → intermediate CA → server certificate for localhost and
/// 127.0.0.1 (ECDSA P-256), written as PEM files in a temporary directory. The server's file holds the leaf and
/// the intermediate (a chain, as real CAs issue them); clients trust only the root, so a chain the server failed
/// to send would not verify.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private readonly ECDsa _intermediateKey;

    private TestCertificates(string directory, X509Certificate2 root, X509Certificate2 intermediate, ECDsa intermediateKey)
    {
        Directory = directory;
        Root = root;
        Intermediate = intermediate;
        _intermediateKey = intermediateKey;
        CaPath = Path.Combine(directory, "ca.pem");
        CertificatePath = Path.Combine(directory, "server-chain.pem");
        KeyPath = Path.Combine(directory, "server-key.pem");
    }

    /// <summary>The temporary directory holding the files.</summary>
    public string Directory { get; }

    /// <summary>The root CA certificate (what clients are told to trust).</summary>
    public X509Certificate2 Root { get; }

    /// <summary>The intermediate CA that signs server certificates.</summary>
    public X509Certificate2 Intermediate { get; }

    /// <summary>PEM of the root CA.</summary>
    public string CaPath { get; }

    /// <summary>PEM of the server certificate followed by the intermediate (TLS_CERT_PATH).</summary>
    public string CertificatePath { get; }

    /// <summary>PEM PKCS#8 key of the server certificate (TLS_KEY_PATH).</summary>
    public string KeyPath { get; }

    /// <summary>The server certificate last written.</summary>
    public X509Certificate2 Server { get; private set; } = null!;

    /// <summary>Makes a CA and a first server certificate.</summary>
    public static TestCertificates Create(string rootName = "MedicalImaging Test Root CA")
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("medimg-tls-").FullName;
        var now = DateTimeOffset.UtcNow;
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = CaRequest(rootName, rootKey, pathLength: 1);
        var root = rootRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        var intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var intermediateRequest = CaRequest("MedicalImaging Test Intermediate CA", intermediateKey, pathLength: 0);
        using var intermediatePublic = intermediateRequest.Create(root, now.AddDays(-1), now.AddDays(29), RandomNumberGenerator.GetBytes(16));
        var intermediate = intermediatePublic.CopyWithPrivateKey(intermediateKey);

        var certificates = new TestCertificates(directory, root, intermediate, intermediateKey);
        File.WriteAllText(certificates.CaPath, root.ExportCertificatePem());
        certificates.WriteServerCertificate("localhost");
        return certificates;
    }

    /// <summary>Issues a new server certificate (new key, <paramref name="commonName"/>) and overwrites the two server files.</summary>
    public X509Certificate2 WriteServerCertificate(string commonName)
    {
        var (certificate, keyPem) = IssueServerCertificate(commonName);
        File.WriteAllText(CertificatePath, certificate.ExportCertificatePem() + "\n" + Intermediate.ExportCertificatePem() + "\n");
        File.WriteAllText(KeyPath, keyPem);
        Server = certificate;
        return certificate;
    }

    /// <summary>A server certificate and its PEM key, not written anywhere (e.g. for a mismatched pair).</summary>
    public (X509Certificate2 Certificate, string KeyPem) IssueServerCertificate(string commonName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        var certificate = request.Create(Intermediate, now.AddHours(-1), now.AddDays(7), RandomNumberGenerator.GetBytes(16));
        return (certificate, key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>A handler that trusts this root only (the system store is not consulted), speaking HTTP/2 or 1.1 over TLS.</summary>
    public SocketsHttpHandler CreateTrustingHandler() => new()
    {
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = Validate },
    };

    /// <summary>Validates a server chain against this root only.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements.Skip(1))
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }

    public void Dispose()
    {
        _intermediateKey.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static CertificateRequest CaRequest(string name, ECDsa key, int pathLength)
    {
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, pathLength, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request;
    }
}
