using System.CommandLine;
using MedicalImaging.Cli.Commands;
using MedicalImaging.Cli.Commands.Dicom;
using MedicalImaging.Cli.Commands.Reports;
using MedicalImaging.Cli.Commands.DicomWeb;
using MedicalImaging.Cli.Output;

namespace MedicalImaging.Cli;

/// <summary>The medimg command tree: every command a <see cref="CliCommand"/> writing to one <see cref="ICliOutput"/>.</summary>
public static class CliApp
{
    public static RootCommand Build(ICliOutput output)
    {
        var global = new GlobalOptions();
        var root = new RootCommand("medimg — client of the MedicalImaging service (reports are not for diagnostic use)")
        {
            global.Server,
            global.Token,
            global.CaCert,
        };
        root.Subcommands.Add(new AnalyzeCommand(global, output));
        root.Subcommands.Add(new Command("reports", "Your reports") { new ReportsListCommand(global, output) });
        root.Subcommands.Add(new Command("report", "One report") { new ReportGetCommand(global, output), new ReportDeleteCommand(global, output), new ReportExportCommand(global, output) });
        root.Subcommands.Add(new SimilarCommand(global, output));
        root.Subcommands.Add(new ChatCommand(global, output));
        root.Subcommands.Add(new HealthCommand(global, output));
        root.Subcommands.Add(new Command("auth", "Tokens") { new AuthTokenCommand(output) });
        root.Subcommands.Add(new Command("audit", "The server's audit trail") { new AuditVerifyCommand(output) });
        root.Subcommands.Add(new Command("dicom", "Read, export and de-identify DICOM files.")
        {
            new DicomInfoCommand(output),
            new DicomExportCommand(output),
            new DicomDeidentifyCommand(output),
        });
        root.Subcommands.Add(new DicomWebCommand(global, output));
        return root;
    }
}
