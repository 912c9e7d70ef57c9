using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MedicalImaging.Cli.Output;

namespace MedicalImaging.Cli.Commands.DicomWeb;

/// <summary>What the DICOMweb commands share: the REST client with the token, error mapping to exit codes, DICOM JSON reading.</summary>
internal static class DicomWebHttp
{
    internal static HttpClient Client(ParseResult parse, GlobalOptions global, Option<string> rest)
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

    internal static int Fail(ICliOutput output, HttpStatusCode status, string body)
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

    internal static List<JsonElement> Items(JsonElement root, string tag) =>
        root.TryGetProperty(tag, out var seq) && seq.TryGetProperty("Value", out var items) ? [.. items.EnumerateArray()] : [];

    internal static string? Value(JsonElement item, string tag)
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
