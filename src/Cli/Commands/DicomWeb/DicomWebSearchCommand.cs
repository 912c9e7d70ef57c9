using System.CommandLine;
using System.Text.Json;
using MedicalImaging.Cli.Output;

namespace MedicalImaging.Cli.Commands.DicomWeb;

/// <summary>medimg dicomweb search [KEY=VALUE…]: QIDO-RS at study, series or instance level; one line per match.</summary>
internal sealed class DicomWebSearchCommand : CliCommand
{
    private readonly GlobalOptions _global;
    private readonly Option<string> _rest;
    private readonly Option<bool> _json;
    private readonly Option<string> _level = new("--level") { Description = "studies (default), series or instances", DefaultValueFactory = _ => "studies" };
    private readonly Option<string?> _study = new("--study") { Description = "search within this study" };
    private readonly Argument<string[]> _keys = new("keys") { Description = "matching keys KEY=VALUE (PatientID=…, StudyDate=20240101-20241231, limit=10 …)", Arity = ArgumentArity.ZeroOrMore };

    public DicomWebSearchCommand(GlobalOptions global, Option<string> rest, Option<bool> json, ICliOutput output)
        : base("search", "Search with QIDO-RS; one line per match", output)
    {
        (_global, _rest, _json) = (global, rest, json);
        Options.Add(_level);
        Options.Add(_study);
        Arguments.Add(_keys);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var http = DicomWebHttp.Client(parse, _global, _rest);
        var lvl = parse.GetValue(_level);
        if (lvl is not ("studies" or "series" or "instances"))
        {
            throw new UsageException($"--level must be studies, series or instances; got '{lvl}'.");
        }

        var path = parse.GetValue(_study) is { Length: > 0 } inStudy && lvl != "studies" ? $"dicomweb/studies/{inStudy}/{lvl}" : $"dicomweb/{lvl}";
        var query = string.Join('&', (parse.GetValue(_keys) ?? []).Select(k => k.Split('=', 2) is [var key, var value]
            ? $"{Uri.EscapeDataString(key)}={Uri.EscapeDataString(value)}"
            : throw new UsageException($"'{k}' is not KEY=VALUE.")));
        using var response = await http.GetAsync(query.Length == 0 ? path : $"{path}?{query}", cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return DicomWebHttp.Fail(Output, response.StatusCode, body);
        }

        if (parse.GetValue(_json))
        {
            Output.Data(body);
            return ExitCodes.Ok;
        }

        var uid = lvl switch { "studies" => "0020000D", "series" => "0020000E", _ => "00080018" };
        foreach (var match in JsonDocument.Parse(body).RootElement.EnumerateArray())
        {
            Output.Data($"{DicomWebHttp.Value(match, uid)}  {DicomWebHttp.Value(match, "00080020") ?? string.Empty}  {DicomWebHttp.Value(match, "00080061") ?? DicomWebHttp.Value(match, "00080060") ?? string.Empty}");
        }

        return ExitCodes.Ok;
    }
}
