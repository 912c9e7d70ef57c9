using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace MedicalImaging.Server.Tls;

/// <summary>A loaded server certificate with its chain, ready for SslStream, and the file times it was read at.</summary>
public sealed record ServerCertificate(
    X509Certificate2 Leaf,
    SslStreamCertificateContext Context,
    DateTime CertificateWrittenUtc,
    DateTime KeyWrittenUtc);
