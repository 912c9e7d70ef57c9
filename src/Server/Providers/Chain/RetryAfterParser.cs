using System.Globalization;
using System.Text.Json;

namespace MedicalImaging.Server.Providers.Chain;

/// <summary>Reads a provider's retry hint: the Retry-After header (seconds or HTTP date) or Gemini's RetryInfo in the body.</summary>
public static class RetryAfterParser
{
    public static TimeSpan? FromHeader(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && at > now
            ? at - now
            : null;
    }

    /// <summary>Finds <c>"retryDelay": "7s"</c> of a google.rpc.RetryInfo anywhere in an error body.</summary>
    public static TimeSpan? FromBody(string? body)
    {
        if (string.IsNullOrEmpty(body) || !body.Contains("retryDelay", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return Find(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static TimeSpan? Find(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.NameEquals("retryDelay") && property.Value.ValueKind == JsonValueKind.String)
                    {
                        var text = property.Value.GetString()!.TrimEnd('s');
                        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                        {
                            return TimeSpan.FromSeconds(seconds);
                        }
                    }

                    if (Find(property.Value) is { } nested)
                    {
                        return nested;
                    }
                }

                return null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (Find(item) is { } nested)
                    {
                        return nested;
                    }
                }

                return null;
            default:
                return null;
        }
    }
}
