using System.CommandLine;
using MedicalImaging.Cli.Output;

namespace MedicalImaging.Cli.Commands.DicomWeb;

/// <summary>
/// medimg dicomweb store FILES… | search [KEY=VALUE…]: STOW-RS and QIDO-RS against the server's REST port
/// (--rest, default MEDIMG_REST_URL, else http://127.0.0.1:8000), with the same token as the other commands.
/// Store exits 0 when every file was stored, 2 when some or all failed (each failure printed with its reason).
/// </summary>
internal sealed class DicomWebCommand : Command
{
    public DicomWebCommand(GlobalOptions global, ICliOutput output)
        : base("dicomweb", "Store and search DICOM instances over DICOMweb (STOW-RS, QIDO-RS)")
    {
        var rest = new Option<string>("--rest")
        {
            Description = "REST base URL of the server (default: MEDIMG_REST_URL, else http://127.0.0.1:8000)",
            Recursive = true,
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MEDIMG_REST_URL") is { Length: > 0 } s ? s : "http://127.0.0.1:8000",
        };
        var json = new Option<bool>("--json") { Description = "the server's dicom+json on stdout", Recursive = true };
        Options.Add(rest);
        Options.Add(json);
        Subcommands.Add(new DicomWebStoreCommand(global, rest, json, output));
        Subcommands.Add(new DicomWebSearchCommand(global, rest, json, output));
    }
}

