using System.CommandLine;
using System.Text.Json;
using MedicalImaging.Cli.Output;
using MedicalImaging.Dicom;

namespace MedicalImaging.Cli.Commands.Dicom;

/// <summary>`dicom info FILE [--json]`: header facts.</summary>
internal sealed class DicomInfoCommand : CliCommand
{
    private readonly Argument<FileInfo> _file = new("file") { Description = "DICOM file (Part 10, or a bare dataset)." };
    private readonly Option<bool> _json = new("--json") { Description = "Write one JSON object to stdout." };

    public DicomInfoCommand(ICliOutput output)
        : base("info", "Show transfer syntax, dimensions and pixel format.", output)
    {
        Arguments.Add(_file);
        Options.Add(_json);
    }

    protected override Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var asJson = parse.GetValue(_json);
        var dicom = DicomFile.Open(parse.GetValue(_file)!.FullName);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = !asJson }))
        {
            DicomSummary.WriteJson(dicom, writer);
        }

        var text = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        if (asJson)
        {
            Output.Data(text);
        }
        else
        {
            using var doc = JsonDocument.Parse(text);
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                Output.Data($"{property.Name,-28} {property.Value}");
            }
        }

        return Task.FromResult(ExitCodes.Ok);
    }
}
