using System.CommandLine;
using System.Globalization;
using MedicalImaging.Auth;
using MedicalImaging.Auth.Audit;
using MedicalImaging.Cli.Output;

namespace MedicalImaging.Cli.Commands;

/// <summary>
/// medimg audit verify [--file PATH] [--key KEY]: checks the server's audit log offline, line by line (each line's hash,
/// its link to the line before, its sequence number), and names the first line that breaks the chain. Needs no server,
/// only read access to the file. Exit 0 when intact, 7 on a break.
/// </summary>
internal sealed class AuditVerifyCommand : CliCommand
{
    private readonly Option<string?> _file = new("--file") { Description = "the audit log (default: AUDIT_LOG_PATH, else audit/audit.jsonl in MEDICAL_IMAGING_DATA_DIR or --data-dir)" };
    private readonly Option<string?> _key = new("--key") { Description = "the AUDIT_HMAC_KEY of a keyed log (default: the AUDIT_HMAC_KEY environment variable, which keeps it out of the process list)" };
    private readonly Option<string?> _dataDir = new("--data-dir") { Description = "the server's data directory (default: MEDICAL_IMAGING_DATA_DIR, else ~/.local/share/medimaging)" };

    public AuditVerifyCommand(ICliOutput output)
        : base("verify", "Check the audit log's hash chain and print the first broken line", output)
    {
        Options.Add(_file);
        Options.Add(_key);
        Options.Add(_dataDir);
    }

    protected override Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var path = parse.GetValue(_file) ?? Environment.GetEnvironmentVariable("AUDIT_LOG_PATH");
        if (string.IsNullOrEmpty(path))
        {
            var directory = DataDirectory.Resolve(parse.GetValue(_dataDir) ?? Environment.GetEnvironmentVariable(DataDirectory.EnvironmentVariable));
            path = Path.Combine(directory, "audit", "audit.jsonl");
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"No audit log at {path} (--file or AUDIT_LOG_PATH).");
        }

        var result = AuditChainVerifier.VerifyFile(path, AuditChain.KeyFrom(parse.GetValue(_key) ?? Environment.GetEnvironmentVariable("AUDIT_HMAC_KEY")));
        if (result.Intact)
        {
            Output.Data(string.Create(CultureInfo.InvariantCulture, $"intact: {result.Lines} records ({result.Algorithm ?? "empty log"}) in {path}"));
            return Task.FromResult(ExitCodes.Ok);
        }

        Output.Error(string.Create(CultureInfo.InvariantCulture, $"{path}:{result.BrokenLine}: {result.Problem}"));
        Output.Data(string.Create(CultureInfo.InvariantCulture, $"broken at line {result.BrokenLine} ({result.Lines} records before it hold)"));
        return Task.FromResult(ExitCodes.AuditChainBroken);
    }
}
