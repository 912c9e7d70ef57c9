using System.CommandLine;
using MedicalImaging.Cli.Output;

namespace MedicalImaging.Cli.Commands.Reports;

/// <summary>medimg report get ID: one report, as text or JSON.</summary>
internal sealed class ReportGetCommand : CliCommand
{
    private readonly GlobalOptions _global;
    private readonly Argument<string> _id = new("report-id") { Description = "the report id" };
    private readonly Option<bool> _json = new("--json") { Description = "JSON on stdout" };

    public ReportGetCommand(GlobalOptions global, ICliOutput output)
        : base("get", "Print one report", output)
    {
        _global = global;
        Arguments.Add(_id);
        Options.Add(_json);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var client = _global.CreateClient(parse);
        var report = await client.GetReportAsync(parse.GetValue(_id)!, cancellationToken);
        Output.Data(parse.GetValue(_json) ? Json.Write(report) : report.ReportText);
        return ExitCodes.Ok;
    }
}
