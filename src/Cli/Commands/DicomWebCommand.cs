using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MedicalImaging.Cli.Output;

namespace MedicalImaging.Cli.Commands;

/// <summary>
/// medimg dicomweb store FILES… | search [KEY=VALUE…]: STOW-RS and QIDO-RS against the server's REST port
/// (--rest, default MEDIMG_REST_URL, else http://127.0.0.1:8000), with the same token as the other commands.
/// Store exits 0 when every file was stored, 2 when some or all failed (each failure printed with its reason).
/// </summary>
public static class DicomWebCommand
{
    public static Command Create(GlobalOptions global, ICliOutput output)
    {
        var rest = new Option<string>("--rest")
        {
            Description = "REST base URL of the server (default: MEDIMG_REST_URL, else http://127.0.0.1:8000)",
            Recursive = true,
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MEDIMG_REST_URL") is { Length: > 0 } s ? s : "http://127.0.0.1:8000",
        };
        var json = new Option<bool>("--json") { Description = "the server's dicom+json on stdout", Recursive = true };
        var command = new Command("dicomweb", "Store and search DICOM instances over DICOMweb (STOW-RS, QIDO-RS)") { rest, json };

        var files = new Argument<string[]>("files") { Description = "DICOM Part 10 files", Arity = ArgumentArity.OneOrMore };
        var study = new Option<string?>("--study") { Description = "store into this study (every file must belong to it)" };
        var store = new Command("store", "Store files with one STOW-RS request") { files, study };
        store.SetAction((parse, ct) => CommandRunner.RunAsync(output, async () =>
        {
            using var http = Client(parse, global, rest);
            using var content = new MultipartContent("related", "medimg-" + Guid.NewGuid().ToString("N"));
            content.Headers.ContentType!.Parameters.Add(new NameValueHeaderValue("type", "\"application/dicom\""));
            foreach (var file in parse.GetValue(files)!)
            {
                var part = new ByteArrayContent(await File.ReadAllBytesAsync(file, ct));
                part.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
                content.Add(part);
            }

            var target = parse.GetValue(study) is { Length: > 0 } s ? $"dicomweb/studies/{s}" : "dicomweb/studies";
            using var response = await http.PostAsync(target, content, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Accepted or HttpStatusCode.Conflict))
            {
                return Fail(output, response.StatusCode, body);
            }

            if (parse.GetValue(json))
            {
                output.Data(body);
            }
            else
            {
                var root = JsonDocument.Parse(body).RootElement;
                foreach (var item in Items(root, "00081199"))
                {
                    output.Data($"stored  {Value(item, "00081155")}");
                }

                foreach (var item in Items(root, "00081198"))
                {
                    var reason = Value(item, "00081197") is { } r ? int.Parse(r, System.Globalization.CultureInfo.InvariantCulture).ToString("X4", System.Globalization.CultureInfo.InvariantCulture) : "????";
                    output.Data($"FAILED  {Value(item, "00081155") ?? "(unreadable part)"}  reason 0x{reason}  {Value(item, "00000902")}");
                }
            }

            return response.StatusCode == HttpStatusCode.OK ? ExitCodes.Ok : ExitCodes.InvalidInput;
        }));

        var level = new Option<string>("--level") { Description = "studies (default), series or instances", DefaultValueFactory = _ => "studies" };
        var searchStudy = new Option<string?>("--study") { Description = "search within this study" };
        var keys = new Argument<string[]>("keys") { Description = "matching keys KEY=VALUE (PatientID=…, StudyDate=20240101-20241231, limit=10 …)", Arity = ArgumentArity.ZeroOrMore };
        var search = new Command("search", "Search with QIDO-RS; one line per match") { level, searchStudy, keys };
        search.SetAction((parse, ct) => CommandRunner.RunAsync(output, async () =>
        {
            using var http = Client(parse, global, rest);
            var lvl = parse.GetValue(level);
            if (lvl is not ("studies" or "series" or "instances"))
            {
                throw new UsageException($"--level must be studies, series or instances; got '{lvl}'.");
            }

            var path = parse.GetValue(searchStudy) is { Length: > 0 } inStudy && lvl != "studies" ? $"dicomweb/studies/{inStudy}/{lvl}" : $"dicomweb/{lvl}";
            var query = string.Join('&', (parse.GetValue(keys) ?? []).Select(k => k.Split('=', 2) is [var key, var value]
                ? $"{Uri.EscapeDataString(key)}={Uri.EscapeDataString(value)}"
                : throw new UsageException($"'{k}' is not KEY=VALUE.")));
            using var response = await http.GetAsync(query.Length == 0 ? path : $"{path}?{query}", ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                return Fail(output, response.StatusCode, body);
            }

            if (parse.GetValue(json))
            {
                output.Data(body);
                return ExitCodes.Ok;
            }

            var uid = lvl switch { "studies" => "0020000D", "series" => "0020000E", _ => "00080018" };
            foreach (var match in JsonDocument.Parse(body).RootElement.EnumerateArray())
            {
                output.Data($"{Value(match, uid)}  {Value(match, "00080020") ?? string.Empty}  {Value(match, "00080061") ?? Value(match, "00080060") ?? string.Empty}");
            }

            return ExitCodes.Ok;
        }));

        command.Subcommands.Add(store);
        command.Subcommands.Add(search);
        return command;
    }

    private static HttpClient Client(ParseResult parse, GlobalOptions global, Option<string> rest)
    {
        var url = parse.GetValue(rest)!;
        if (!Uri.TryCreate(url.TrimEnd('/') + "/", UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"--rest '{url}' is not an http(s) URL such as http://127.0.0.1:8000.");
        }

        var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(10) };
        if (parse.GetValue(global.Token) is { Length: > 0 } token)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    private static int Fail(ICliOutput output, HttpStatusCode status, string body)
    {
        var detail = body;
        try
        {
            if (JsonDocument.Parse(body).RootElement.TryGetProperty("detail", out var d))
            {
                detail = d.GetString() ?? body;
            }
        }
        catch (JsonException)
        {
            // not problem+json: print as is
        }

        output.Error($"DICOMweb {(int)status}: {detail}");
        return status switch
        {
            HttpStatusCode.Unauthorized => ExitCodes.Unauthenticated,
            HttpStatusCode.NotFound => ExitCodes.NotFound,
            HttpStatusCode.BadRequest or HttpStatusCode.UnsupportedMediaType => ExitCodes.InvalidInput,
            _ => ExitCodes.ServerError,
        };
    }

    private static List<JsonElement> Items(JsonElement root, string tag) =>
        root.TryGetProperty(tag, out var seq) && seq.TryGetProperty("Value", out var items) ? [.. items.EnumerateArray()] : [];

    private static string? Value(JsonElement item, string tag)
    {
        if (!item.TryGetProperty(tag, out var attribute) || !attribute.TryGetProperty("Value", out var values) || values.GetArrayLength() == 0)
        {
            return null;
        }

        var parts = values.EnumerateArray().Select(v => v.ValueKind switch
        {
            JsonValueKind.Object when v.TryGetProperty("Alphabetic", out var a) => a.GetString(),
            JsonValueKind.String => v.GetString(),
            _ => v.GetRawText(),
        });
        return string.Join('\\', parts);
    }
}
