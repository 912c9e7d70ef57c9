using System.Globalization;
using System.Text.Json;

namespace MedicalImaging.Server.Providers.Chain;

/// <summary>
/// The fields of a provider's error body that decide its class. Reads the OpenAI shape
/// (<c>{"error":{"message","type","code"}}</c>, Groq), OpenRouter's (<c>{"error":{"code","message","metadata"}}</c>) and
/// Google's google.rpc.Status (<c>{"error":{"code","message","status","details":[…]}}</c>, also wrapped in a one-element
/// array by Gemini's OpenAI-compatible layer).
/// </summary>
/// <param name="Code">error.code as text (a number for OpenRouter and Google, a word such as model_not_found for Groq/OpenAI).</param>
/// <param name="Status">Google's canonical status, e.g. RESOURCE_EXHAUSTED.</param>
/// <param name="Type">OpenAI/Groq error.type, e.g. invalid_request_error.</param>
/// <param name="Message">error.message.</param>
/// <param name="QuotaIds">google.rpc.QuotaFailure violations[].quotaId.</param>
/// <param name="RetryDelay">google.rpc.RetryInfo retryDelay.</param>
/// <param name="Reason">google.rpc.ErrorInfo reason, e.g. API_KEY_INVALID.</param>
/// <param name="Metadata">OpenRouter error.metadata property names (reasons, flagged_input, limit_source…) with their text values.</param>
public sealed record ProviderErrorBody(
    string? Code,
    string? Status,
    string? Type,
    string? Message,
    IReadOnlyList<string> QuotaIds,
    TimeSpan? RetryDelay,
    string? Reason,
    IReadOnlyDictionary<string, string> Metadata)
{
    public static readonly ProviderErrorBody Empty = new(null, null, null, null, [], null, null, new Dictionary<string, string>());

    public static ProviderErrorBody Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return Empty;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0)
            {
                root = root[0];
            }

            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                ? From(error)
                : Empty;
        }
        catch (JsonException)
        {
            return Empty;
        }
    }

    /// <summary>Reads an <c>error</c> object (of a body, or of an SSE event).</summary>
    public static ProviderErrorBody From(JsonElement error)
    {
        var quotaIds = new List<string>();
        TimeSpan? retryDelay = null;
        string? reason = null;
        if (error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array)
        {
            foreach (var detail in details.EnumerateArray().Where(d => d.ValueKind == JsonValueKind.Object))
            {
                if (detail.TryGetProperty("violations", out var violations) && violations.ValueKind == JsonValueKind.Array)
                {
                    quotaIds.AddRange(violations.EnumerateArray()
                        .Select(v => v.ValueKind == JsonValueKind.Object && v.TryGetProperty("quotaId", out var id) ? id.GetString() : null)
                        .OfType<string>());
                }

                if (detail.TryGetProperty("retryDelay", out var delay) && delay.ValueKind == JsonValueKind.String
                    && double.TryParse(delay.GetString()!.TrimEnd('s'), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                {
                    retryDelay = RetryAfterParser.FromSeconds(seconds);
                }

                reason ??= Text(detail, "reason");
            }
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (error.TryGetProperty("metadata", out var meta) && meta.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in meta.EnumerateObject())
            {
                metadata[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }
        }

        return new ProviderErrorBody(Text(error, "code"), Text(error, "status"), Text(error, "type"), Text(error, "message"), quotaIds, retryDelay, reason, metadata);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;
}
