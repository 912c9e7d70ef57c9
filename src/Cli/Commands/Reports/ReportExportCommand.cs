using System.CommandLine;
using MedicalImaging.Cli.Output;

namespace MedicalImaging.Cli.Commands.Reports;

/// <summary>medimg report export ID --format sr|fhir|json [-o FILE]: one report as DICOM SR, a FHIR R4 Bundle or JSON.</summary>
internal sealed class ReportExportCommand : CliCommand
{
    private readonly GlobalOptions _global;
    private readonly Argument<string> _id = new("report-id") { Description = "the report id" };
    private readonly Option<string> _format = new("--format") { Description = "sr (DICOM SR), fhir (FHIR R4 Bundle) or json (default sr)", DefaultValueFactory = _ => "sr" };
    private readonly Option<string?> _file = new("-o", "--output") { Description = "write to this file (default: stdout)" };

    public ReportExportCommand(GlobalOptions global, ICliOutput output)
        : base("export", "Export one report as DICOM SR, FHIR R4 or JSON", output)
    {
        _global = global;
        Arguments.Add(_id);
        Options.Add(_format);
        Options.Add(_file);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var client = _global.CreateClient(parse);
        var bytes = await client.ExportReportAsync(parse.GetValue(_id)!, parse.GetValue(_format)!, cancellationToken);
        if (parse.GetValue(_file) is { Length: > 0 } path)
        {
            await File.WriteAllBytesAsync(path, bytes, cancellationToken);
            Output.Info($"wrote {bytes.Length} bytes to {path}");
        }
        else
        {
            await Output.DataBytesAsync(bytes, cancellationToken);
        }

        return ExitCodes.Ok;
    }
}
