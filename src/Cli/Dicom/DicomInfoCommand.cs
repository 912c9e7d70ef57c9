using System.CommandLine;
using System.Text.Json;
using MedicalImaging.Dicom;

namespace MedicalImaging.Cli.Dicom;

/// <summary>`dicom info FILE [--json]`: header facts.</summary>
internal static class DicomInfoCommand
{
    public static Command Create(DicomConsole console)
    {
        var file = new Argument<FileInfo>("file") { Description = "DICOM file (Part 10, or a bare dataset)." };
        var json = new Option<bool>("--json") { Description = "Write one JSON object to stdout." };
        var command = new Command("info", "Show transfer syntax, dimensions and pixel format.") { file, json };
        command.SetAction(parse => Execute(console, parse.GetValue(file)!, parse.GetValue(json)));
        return command;
    }

    public static int Execute(DicomConsole console, FileInfo path, bool asJson) => DicomCommandRunner.Run(console, () =>
    {
        var dicom = DicomFile.Open(path.FullName);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = !asJson }))
        {
            DicomSummary.WriteJson(dicom, writer);
        }

        var text = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        if (asJson)
        {
            console.Out.WriteLine(text);
        }
        else
        {
            using var doc = JsonDocument.Parse(text);
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                console.Out.WriteLine($"{property.Name,-28} {property.Value}");
            }
        }

        return DicomExitCodes.Ok;
    });
}
