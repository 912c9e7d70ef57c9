using System.CommandLine;
using System.Globalization;
using MedicalImaging.Cli.Output;

namespace MedicalImaging.Cli.Commands;

/// <summary>medimg health: the server's state; the status needs no token, the details need one. Exit 5 when it is not serving.</summary>
internal sealed class HealthCommand : CliCommand
{
    private readonly GlobalOptions _global;
    private readonly Option<bool> _json = new("--json") { Description = "JSON on stdout" };

    public HealthCommand(GlobalOptions global, ICliOutput output)
        : base("health", "Show the server's health", output)
    {
        _global = global;
        Options.Add(_json);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var client = _global.CreateClient(parse);
        var health = await client.GetHealthAsync(cancellationToken);
        if (parse.GetValue(_json))
        {
            Output.Data(Json.Write(health));
        }
        else if (!health.Details)
        {
            Output.Data($"status {health.Status}");
            Output.Info("Details (providers, database, report counts) need a token: --token or MEDIMG_TOKEN.");
        }
        else
        {
            Output.Data($"status {health.Status}, version {health.Version}, database {health.DatabaseProvider} {(health.DatabaseHealthy ? "ok" : "FAILING")}, {health.IndexedReports} indexed reports"
                + (health.OutboxDepth > 0 ? $", {health.OutboxDepth} report(s) waiting in the outbox for the store" : string.Empty));
            foreach (var p in health.Providers)
            {
                Output.Data($"  {p.Name,-11} {p.Model,-40} circuit {p.CircuitState,-9} success {p.SuccessRate.ToString("P0", CultureInfo.InvariantCulture)}");
                if (p.Warning is not null)
                {
                    Output.Data($"    warning: {p.Warning}");
                }
            }
        }

        return health.Status == "not_serving" ? ExitCodes.ServerError : ExitCodes.Ok;
    }
}
