using System.CommandLine;
using MedicalImaging.Cli.Commands;
using MedicalImaging.Cli.Output;

namespace MedicalImaging.Cli;

/// <summary>The medimg command tree.</summary>
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
        root.Subcommands.Add(new AnalyzeCommand().Create(global, output));
        root.Subcommands.Add(ReportCommands.List(global, output));
        root.Subcommands.Add(ReportCommands.Report(global, output));
        root.Subcommands.Add(ReportCommands.Similar(global, output));
        root.Subcommands.Add(ChatCommand.Create(global, output));
        root.Subcommands.Add(HealthCommand.Create(global, output));
        root.Subcommands.Add(AuthTokenCommand.Create(output));
        root.Subcommands.Add(AuditVerifyCommand.Create(output));
        root.Subcommands.Add(Dicom.DicomCommand.Create());
        root.Subcommands.Add(DicomWebCommand.Create(global, output));
        return root;
    }
}
