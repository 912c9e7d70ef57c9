using System.CommandLine;
using MedicalImaging.Cli.Output;

namespace MedicalImaging.Cli.Commands.Reports;

/// <summary>medimg report delete ID: deletes one report with its heatmaps, embedding and chat.</summary>
internal sealed class ReportDeleteCommand : CliCommand
{
    private readonly GlobalOptions _global;
    private readonly Argument<string> _id = new("report-id") { Description = "the report id" };

    public ReportDeleteCommand(GlobalOptions global, ICliOutput output)
        : base("delete", "Delete one report with its heatmaps, embedding and chat", output)
    {
        _global = global;
        Arguments.Add(_id);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var client = _global.CreateClient(parse);
        await client.DeleteReportAsync(parse.GetValue(_id)!, cancellationToken);
        Output.Info($"deleted {parse.GetValue(_id)}");
        return ExitCodes.Ok;
    }
}
