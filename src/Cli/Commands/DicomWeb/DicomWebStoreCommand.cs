using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MedicalImaging.Cli.Output;

namespace MedicalImaging.Cli.Commands.DicomWeb;

/// <summary>medimg dicomweb store FILES…: one STOW-RS request; exit 0 when every file was stored, 2 when some or all failed.</summary>
internal sealed class DicomWebStoreCommand : CliCommand
{
    private readonly GlobalOptions _global;
    private readonly Option<string> _rest;
    private readonly Option<bool> _json;
    private readonly Argument<string[]> _files = new("files") { Description = "DICOM Part 10 files", Arity = ArgumentArity.OneOrMore };
    private readonly Option<string?> _study = new("--study") { Description = "store into this study (every file must belong to it)" };

    public DicomWebStoreCommand(GlobalOptions global, Option<string> rest, Option<bool> json, ICliOutput output)
        : base("store", "Store files with one STOW-RS request", output)
    {
        (_global, _rest, _json) = (global, rest, json);
        Arguments.Add(_files);
        Options.Add(_study);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var http = DicomWebHttp.Client(parse, _global, _rest);
        using var content = new MultipartContent("related", "medimg-" + Guid.NewGuid().ToString("N"));
        content.Headers.ContentType!.Parameters.Add(new NameValueHeaderValue("type", "\"application/dicom\""));
        foreach (var file in parse.GetValue(_files)!)
        {
            var part = new ByteArrayContent(await File.ReadAllBytesAsync(file, cancellationToken));
            part.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
            content.Add(part);
        }

        var target = parse.GetValue(_study) is { Length: > 0 } s ? $"dicomweb/studies/{s}" : "dicomweb/studies";
        using var response = await http.PostAsync(target, content, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Accepted or HttpStatusCode.Conflict))
        {
            return DicomWebHttp.Fail(Output, response.StatusCode, body);
        }

        if (parse.GetValue(_json))
        {
            Output.Data(body);
        }
        else
        {
            var root = JsonDocument.Parse(body).RootElement;
            foreach (var item in DicomWebHttp.Items(root, "00081199"))
            {
                Output.Data($"stored  {DicomWebHttp.Value(item, "00081155")}");
            }

            foreach (var item in DicomWebHttp.Items(root, "00081198"))
            {
                var reason = DicomWebHttp.Value(item, "00081197") is { } r ? int.Parse(r, System.Globalization.CultureInfo.InvariantCulture).ToString("X4", System.Globalization.CultureInfo.InvariantCulture) : "????";
                Output.Data($"FAILED  {DicomWebHttp.Value(item, "00081155") ?? "(unreadable part)"}  reason 0x{reason}  {DicomWebHttp.Value(item, "00000902")}");
            }
        }

        return response.StatusCode == HttpStatusCode.OK ? ExitCodes.Ok : ExitCodes.InvalidInput;
    }
}
