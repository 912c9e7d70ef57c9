using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using MedicalImaging.Client;
using MedicalImaging.Client.Tls;

namespace MedicalImaging.Cli;

/// <summary>--server, --token and --ca-cert, on every command; defaults from MEDIMG_SERVER, MEDIMG_TOKEN and MEDIMG_CA_CERT.</summary>
public sealed class GlobalOptions
{
    public Option<string> Server { get; } = new("--server")
    {
        Description = "gRPC address of the server (default: MEDIMG_SERVER, else http://127.0.0.1:8001)",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MEDIMG_SERVER") is { Length: > 0 } s ? s : "http://127.0.0.1:8001",
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = "bearer token (default: MEDIMG_TOKEN)",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MEDIMG_TOKEN"),
    };

    public Option<string?> CaCert { get; } = new("--ca-cert")
    {
        Description = "PEM file of the CA that issued the server's TLS certificate, trusted instead of the system store (default: MEDIMG_CA_CERT)",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MEDIMG_CA_CERT") is { Length: > 0 } s ? s : null,
    };

    /// <summary>A client for the chosen server and token.</summary>
    public ImagingClient CreateClient(ParseResult parse)
    {
        var server = parse.GetValue(Server)!;
        if (!Uri.TryCreate(server, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"--server '{server}' is not an http(s) URL such as http://127.0.0.1:8001.");
        }

        var caCert = parse.GetValue(CaCert);
        X509Certificate2Collection? authorities = null;
        if (!string.IsNullOrWhiteSpace(caCert))
        {
            if (address.Scheme != "https")
            {
                throw new UsageException($"--ca-cert is for an https:// server; --server is {server}.");
            }

            try
            {
                authorities = CaTrust.LoadPem(caCert);
            }
            catch (InvalidOperationException ex)
            {
                throw new UsageException($"--ca-cert: {ex.Message}");
            }
        }

        return ImagingClient.Create(new ImagingClientOptions { Address = address, Token = parse.GetValue(Token), CaCertificates = authorities });
    }
}
