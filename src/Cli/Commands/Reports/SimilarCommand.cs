using System.CommandLine;
using System.Globalization;
using MedicalImaging.Cli.Output;
using Spectre.Console;

namespace MedicalImaging.Cli.Commands.Reports;

/// <summary>medimg similar ID: your reports most similar to one report, as a table or JSON.</summary>
internal sealed class SimilarCommand : CliCommand
{
    private readonly GlobalOptions _global;
    private readonly Argument<string> _id = new("report-id") { Description = "the report to compare with" };
    private readonly Option<int> _limit = new("--limit") { Description = "at most this many (default 5)", DefaultValueFactory = _ => 5 };
    private readonly Option<bool> _json = new("--json") { Description = "JSON on stdout" };

    public SimilarCommand(GlobalOptions global, ICliOutput output)
        : base("similar", "Your reports most similar to one report", output)
    {
        _global = global;
        Arguments.Add(_id);
        Options.Add(_limit);
        Options.Add(_json);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var client = _global.CreateClient(parse);
        var results = await client.FindSimilarAsync(parse.GetValue(_id)!, parse.GetValue(_limit), cancellationToken);
        if (parse.GetValue(_json))
        {
            Output.Data(Json.Write(results));
            return ExitCodes.Ok;
        }

        var table = new Table().AddColumns("Report", "Score", "Modality", "Shared", "Impression", "Why");
        foreach (var r in results)
        {
            var shared = string.Join(", ", r.SharedConditions.Concat(r.SharedAnatomy));
            table.AddRow(Markup.Escape(r.ReportId), r.Score.ToString("0.000", CultureInfo.InvariantCulture), Markup.Escape(r.Modality),
                Markup.Escape(shared), Markup.Escape(r.Impression), Markup.Escape(r.Reason));
        }

        Output.Render(table);
        return ExitCodes.Ok;
    }
}
