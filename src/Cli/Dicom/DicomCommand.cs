using System.CommandLine;

namespace MedicalImaging.Cli.Dicom;

/// <summary>`medimg dicom info|export|deidentify`: the DICOM tools, built on MedicalImaging.Dicom.</summary>
public static class DicomCommand
{
    /// <summary>Builds the `dicom` command with its subcommands.</summary>
    public static Command Create() => Create(DicomConsole.Standard);

    /// <summary>Builds the command writing to <paramref name="console"/> (tests pass their own writers).</summary>
    public static Command Create(DicomConsole console)
    {
        var command = new Command("dicom", "Read, export and de-identify DICOM files.");
        command.Subcommands.Add(DicomInfoCommand.Create(console));
        command.Subcommands.Add(DicomExportCommand.Create(console));
        command.Subcommands.Add(DicomDeidentifyCommand.Create(console));
        return command;
    }
}
