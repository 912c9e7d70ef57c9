using System.CommandLine;
using System.Globalization;
using MedicalImaging.Cli.Output;

namespace MedicalImaging.Cli.Commands;

/// <summary>medimg health: the server's state; the status needs no token, the details need one. Exit 5 when it is not serving.</summary>
public static class HealthCommand
{
    public static Command Create(GlobalOptions global, ICliOutput output)
    {
        var json = new Option<bool>("--json") { Description = "JSON on stdout" };
        var command = new Command("health", "Show the server's health") { json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(output, async () =>
        {
            using var client = global.CreateClient(parse);
            var health = await client.GetHealthAsync(ct);
            if (parse.GetValue(json))
            {
                output.Data(Json.Write(health));
            }
            else if (!health.Details)
            {
                output.Data($"status {health.Status}");
                output.Info("Details (providers, database, report counts) need a token: --token or MEDIMG_TOKEN.");
            }
            else
            {
                output.Data($"status {health.Status}, version {health.Version}, database {health.DatabaseProvider} {(health.DatabaseHealthy ? "ok" : "FAILING")}, {health.IndexedReports} indexed reports"
                    + (health.OutboxDepth > 0 ? $", {health.OutboxDepth} report(s) waiting in the outbox for the store" : string.Empty));
                foreach (var p in health.Providers)
                {
                    output.Data($"  {p.Name,-11} {p.Model,-40} circuit {p.CircuitState,-9} success {p.SuccessRate.ToString("P0", CultureInfo.InvariantCulture)}");
                    if (p.Warning is not null)
                    {
                        output.Data($"    warning: {p.Warning}");
                    }
                }
            }

            return health.Status == "not_serving" ? ExitCodes.ServerError : ExitCodes.Ok;
        }));
        return command;
    }
}
