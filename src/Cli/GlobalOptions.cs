using System.CommandLine;
using MedicalImaging.Client;

namespace MedicalImaging.Cli;

/// <summary>--server and --token, on every command; defaults from MEDIMG_SERVER and MEDIMG_TOKEN.</summary>
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

    /// <summary>A client for the chosen server and token.</summary>
    public ImagingClient CreateClient(ParseResult parse)
    {
        var server = parse.GetValue(Server)!;
        if (!Uri.TryCreate(server, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"--server '{server}' is not an http(s) URL such as http://127.0.0.1:8001.");
        }

        return ImagingClient.Create(new ImagingClientOptions { Address = address, Token = parse.GetValue(Token) });
    }
}

/// <summary>The command line itself is wrong (exit 1).</summary>
public sealed class UsageException(string message) : Exception(message);
