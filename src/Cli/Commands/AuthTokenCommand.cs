using System.CommandLine;
using System.Globalization;
using MedicalImaging.Auth;
using MedicalImaging.Cli.Output;

namespace MedicalImaging.Cli.Commands;

/// <summary>
/// medimg auth token --user ID: mints a development token from JWT_SECRET or the server's local key
/// (in MEDICAL_IMAGING_DATA_DIR or --data-dir). Prints only the token.
/// </summary>
internal sealed class AuthTokenCommand : CliCommand
{
    private readonly Option<string> _user = new("--user") { Description = "the user id (the token's sub)", Required = true };
    private readonly Option<string> _expiresIn = new("--expires-in") { Description = "lifetime: 30m, 12h, 7d (default 12h)", DefaultValueFactory = _ => "12h" };
    private readonly Option<string?> _dataDir = new("--data-dir") { Description = "the server's data directory (default: MEDICAL_IMAGING_DATA_DIR, else ~/.local/share/medimaging)" };

    public AuthTokenCommand(ICliOutput output)
        : base("token", "Mint a development bearer token", output)
    {
        Options.Add(_user);
        Options.Add(_expiresIn);
        Options.Add(_dataDir);
    }

    protected override Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var lifetime = ParseLifetime(parse.GetValue(_expiresIn)!);
        var directory = DataDirectory.Resolve(parse.GetValue(_dataDir) ?? Environment.GetEnvironmentVariable(DataDirectory.EnvironmentVariable));
        byte[] key;
        try
        {
            key = SigningKeyStore.Resolve(Environment.GetEnvironmentVariable("JWT_SECRET"), directory);
        }
        catch (InvalidOperationException ex)
        {
            throw new UsageException(ex.Message);
        }

        Output.Data(DevelopmentTokenIssuer.Issue(key, parse.GetValue(_user)!, lifetime,
            Environment.GetEnvironmentVariable("JWT_ISSUER"), Environment.GetEnvironmentVariable("JWT_AUDIENCE")));
        return Task.FromResult(ExitCodes.Ok);
    }

    private static TimeSpan ParseLifetime(string text)
    {
        if (text.Length >= 2 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            switch (text[^1])
            {
                case 'm': return TimeSpan.FromMinutes(value);
                case 'h': return TimeSpan.FromHours(value);
                case 'd': return TimeSpan.FromDays(value);
            }
        }

        throw new UsageException($"--expires-in '{text}' is not a lifetime like 30m, 12h or 7d.");
    }
}
