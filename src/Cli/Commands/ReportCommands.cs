using System.CommandLine;
using System.Globalization;
using MedicalImaging.Cli.Output;
using Spectre.Console;

namespace MedicalImaging.Cli.Commands;

/// <summary>medimg reports list, report get ID, report delete ID, similar ID.</summary>
public static class ReportCommands
{
    public static Command List(GlobalOptions global, ICliOutput output)
    {
        var caseId = new Option<string?>("--case-id") { Description = "only this case" };
        var pageSize = new Option<int>("--page-size") { Description = "reports per page (default 20, at most 100)", DefaultValueFactory = _ => 20 };
        var pageToken = new Option<string?>("--page-token") { Description = "next_page_token of the previous page" };
        var json = new Option<bool>("--json") { Description = "JSON on stdout" };
        var list = new Command("list", "List your reports, newest first") { caseId, pageSize, pageToken, json };
        list.SetAction((parse, ct) => CommandRunner.RunAsync(output, async () =>
        {
            using var client = global.CreateClient(parse);
            var page = await client.ListReportsAsync(parse.GetValue(pageSize), parse.GetValue(pageToken), parse.GetValue(caseId), cancellationToken: ct);
            if (parse.GetValue(json))
            {
                output.Data(Json.Write(page));
                return ExitCodes.Ok;
            }

            foreach (var r in page.Reports)
            {
                output.Data($"{r.Id}  {r.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}  {r.Modality,-4} {r.OverallSeverity,-9} {r.CaseId ?? "-",-16} {r.Impression}");
            }

            if (page.NextPageToken is { } next)
            {
                output.Info($"more: --page-token {next}");
            }

            return ExitCodes.Ok;
        }));
        return new Command("reports", "Your reports") { list };
    }

    public static Command Report(GlobalOptions global, ICliOutput output)
    {
        var id = new Argument<string>("report-id") { Description = "the report id" };
        var json = new Option<bool>("--json") { Description = "JSON on stdout" };
        var get = new Command("get", "Print one report") { id, json };
        get.SetAction((parse, ct) => CommandRunner.RunAsync(output, async () =>
        {
            using var client = global.CreateClient(parse);
            var report = await client.GetReportAsync(parse.GetValue(id)!, ct);
            output.Data(parse.GetValue(json) ? Json.Write(report) : report.ReportText);
            return ExitCodes.Ok;
        }));

        var deleteId = new Argument<string>("report-id") { Description = "the report id" };
        var delete = new Command("delete", "Delete one report with its heatmaps, embedding and chat") { deleteId };
        delete.SetAction((parse, ct) => CommandRunner.RunAsync(output, async () =>
        {
            using var client = global.CreateClient(parse);
            await client.DeleteReportAsync(parse.GetValue(deleteId)!, ct);
            output.Info($"deleted {parse.GetValue(deleteId)}");
            return ExitCodes.Ok;
        }));
        var exportId = new Argument<string>("report-id") { Description = "the report id" };
        var format = new Option<string>("--format") { Description = "sr (DICOM SR), fhir (FHIR R4 Bundle) or json (default sr)", DefaultValueFactory = _ => "sr" };
        var file = new Option<string?>("-o", "--output") { Description = "write to this file (default: stdout)" };
        var export = new Command("export", "Export one report as DICOM SR, FHIR R4 or JSON") { exportId, format, file };
        export.SetAction((parse, ct) => CommandRunner.RunAsync(output, async () =>
        {
            using var client = global.CreateClient(parse);
            var bytes = await client.ExportReportAsync(parse.GetValue(exportId)!, parse.GetValue(format)!, ct);
            if (parse.GetValue(file) is { Length: > 0 } path)
            {
                await File.WriteAllBytesAsync(path, bytes, ct);
                output.Info($"wrote {bytes.Length} bytes to {path}");
            }
            else
            {
                await using var stdout = Console.OpenStandardOutput();
                await stdout.WriteAsync(bytes, ct);
            }

            return ExitCodes.Ok;
        }));
        return new Command("report", "One report") { get, delete, export };
    }

    public static Command Similar(GlobalOptions global, ICliOutput output)
    {
        var id = new Argument<string>("report-id") { Description = "the report to compare with" };
        var limit = new Option<int>("--limit") { Description = "at most this many (default 5)", DefaultValueFactory = _ => 5 };
        var json = new Option<bool>("--json") { Description = "JSON on stdout" };
        var similar = new Command("similar", "Your reports most similar to one report") { id, limit, json };
        similar.SetAction((parse, ct) => CommandRunner.RunAsync(output, async () =>
        {
            using var client = global.CreateClient(parse);
            var results = await client.FindSimilarAsync(parse.GetValue(id)!, parse.GetValue(limit), ct);
            if (parse.GetValue(json))
            {
                output.Data(Json.Write(results));
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("Report", "Score", "Modality", "Shared", "Impression", "Why");
            foreach (var r in results)
            {
                var shared = string.Join(", ", r.SharedConditions.Concat(r.SharedAnatomy));
                table.AddRow(Markup.Escape(r.ReportId), r.Score.ToString("0.000", CultureInfo.InvariantCulture), Markup.Escape(r.Modality),
                    Markup.Escape(shared), Markup.Escape(r.Impression), Markup.Escape(r.Reason));
            }

            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
            console.Write(table);
            return ExitCodes.Ok;
        }));
        return similar;
    }
}
