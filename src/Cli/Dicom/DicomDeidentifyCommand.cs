using System.CommandLine;
using System.Text;
using MedicalImaging.Dicom;

namespace MedicalImaging.Cli.Dicom;

/// <summary>`dicom deidentify IN OUT`: PS3.15 basic profile, written as a Part 10 file.</summary>
internal static class DicomDeidentifyCommand
{
    /// <summary>Environment variable holding the UID remapping secret (keeps UIDs consistent across runs).</summary>
    public const string SecretVariable = "MEDIMG_DEID_UID_SECRET";

    public static Command Create(DicomConsole console)
    {
        var input = new Argument<FileInfo>("input") { Description = "DICOM file to de-identify." };
        var output = new Argument<FileInfo>("output") { Description = "Where to write the de-identified file." };
        var command = new Command("deidentify", $"De-identify per PS3.15 Basic Application Level Confidentiality Profile (UID secret from {SecretVariable}).")
        {
            input, output,
        };
        command.SetAction(parse => Execute(console, parse.GetValue(input)!, parse.GetValue(output)!));
        return command;
    }

    public static int Execute(DicomConsole console, FileInfo input, FileInfo output) => DicomCommandRunner.Run(console, () =>
    {
        var file = DicomFile.Open(input.FullName);
        var secret = Environment.GetEnvironmentVariable(SecretVariable);
        var options = string.IsNullOrEmpty(secret)
            ? DeidentificationOptions.Default
            : new DeidentificationOptions { UidSecret = Encoding.UTF8.GetBytes(secret) };
        new DicomDeidentifier(options).Deidentify(file);
        DicomWriter.Write(file, output.FullName);
        console.Error.WriteLine($"wrote de-identified {output.FullName}");
        return DicomExitCodes.Ok;
    });
}
