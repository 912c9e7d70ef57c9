using System.CommandLine;
using System.Globalization;
using MedicalImaging.Cli.Output;

namespace MedicalImaging.Cli.Commands.Reports;

/// <summary>medimg reports list: your reports, newest first, a page at a time.</summary>
internal sealed class ReportsListCommand : CliCommand
{
    private readonly GlobalOptions _global;
    private readonly Option<string?> _caseId = new("--case-id") { Description = "only this case" };
    private readonly Option<int> _pageSize = new("--page-size") { Description = "reports per page (default 20, at most 100)", DefaultValueFactory = _ => 20 };
    private readonly Option<string?> _pageToken = new("--page-token") { Description = "next_page_token of the previous page" };
    private readonly Option<bool> _json = new("--json") { Description = "JSON on stdout" };

    public ReportsListCommand(GlobalOptions global, ICliOutput output)
        : base("list", "List your reports, newest first", output)
    {
        _global = global;
        Options.Add(_caseId);
        Options.Add(_pageSize);
        Options.Add(_pageToken);
        Options.Add(_json);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var client = _global.CreateClient(parse);
        var page = await client.ListReportsAsync(parse.GetValue(_pageSize), parse.GetValue(_pageToken), parse.GetValue(_caseId), cancellationToken: cancellationToken);
        if (parse.GetValue(_json))
        {
            Output.Data(Json.Write(page));
            return ExitCodes.Ok;
        }

        foreach (var r in page.Reports)
        {
            Output.Data($"{r.Id}  {r.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}  {r.Modality,-4} {r.OverallSeverity,-9} {r.CaseId ?? "-",-16} {r.Impression}");
        }

        if (page.NextPageToken is { } next)
        {
            Output.Info($"more: --page-token {next}");
        }

        return ExitCodes.Ok;
    }
}
