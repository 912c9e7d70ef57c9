using System.Text.Json;
using System.Text.RegularExpressions;
using MedicalImaging.Tests.Support.Fakes;

namespace MedicalImaging.Server.Tests.Privacy;

/// <summary>What left the process, as the fakes recorded it: request lines and bodies, JSON-unescaped, images cut out.</summary>
internal static partial class OutboundBodies
{
    /// <summary>Each request as readable text: path and query (URL-decoded) plus the body's string values (JSON-unescaped).</summary>
    public static List<string> Of(IEnumerable<RecordedRequest> requests) =>
        requests.Select(r => Uri.UnescapeDataString(r.PathAndQuery) + "\n" + Strings(r.Body)).ToList();

    /// <summary>The text of every message a chat-completions request sent.</summary>
    public static List<string> Messages(RecordedRequest request)
    {
        using var document = JsonDocument.Parse(request.Body);
        var texts = new List<string>();
        foreach (var message in document.RootElement.GetProperty("messages").EnumerateArray())
        {
            var content = message.GetProperty("content");
            if (content.ValueKind == JsonValueKind.String)
            {
                texts.Add(content.GetString()!);
            }
            else if (content.ValueKind == JsonValueKind.Array)
            {
                texts.AddRange(content.EnumerateArray().Where(p => p.TryGetProperty("text", out _)).Select(p => p.GetProperty("text").GetString()!));
            }
        }

        return texts;
    }

    /// <summary>True when every occurrence of <paramref name="phrase"/> lies inside a &lt;&lt;&lt;DATA … DATA&gt;&gt;&gt; section.</summary>
    public static bool OnlyInsideData(string text, string phrase)
    {
        for (var at = text.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = text.IndexOf(phrase, at + 1, StringComparison.Ordinal))
        {
            var open = text.LastIndexOf("<<<DATA", at, StringComparison.Ordinal);
            var closeBefore = text.LastIndexOf("DATA>>>", at, StringComparison.Ordinal);
            var closeAfter = text.IndexOf("DATA>>>", at, StringComparison.Ordinal);
            if (open < 0 || closeBefore > open || closeAfter < 0)
            {
                return false;
            }
        }

        return true;
    }

    private static string Strings(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var values = new List<string>();
            Collect(document.RootElement, values);
            return string.Join("\n", values);
        }
        catch (JsonException)
        {
            return body;
        }
    }

    private static void Collect(JsonElement element, List<string> values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, values);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, values);
                }

                break;
            case JsonValueKind.String:
                values.Add(Image().Replace(element.GetString()!, "<image>"));
                break;
        }
    }

    [GeneratedRegex("data:image/png;base64,[A-Za-z0-9+/=]+")]
    private static partial Regex Image();
}
