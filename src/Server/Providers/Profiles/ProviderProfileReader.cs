using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MedicalImaging.Server.Providers.Profiles;

/// <summary>Reads one provider's merged profile fields, each checked, with messages naming the file, the provider and the field.</summary>
internal static class ProviderProfileReader
{
    private static readonly string[] Dialects = ["gemini", "openrouter", "groq", "openai"];
    private static readonly string[] Encodings = ["png", "jpeg"];
    private static readonly Dictionary<string, StructuredOutputMode> Modes = new(StringComparer.Ordinal)
    {
        ["json_schema_strict"] = StructuredOutputMode.JsonSchemaStrict,
        ["json_schema"] = StructuredOutputMode.JsonSchema,
        ["json_object"] = StructuredOutputMode.JsonObject,
        ["none"] = StructuredOutputMode.None,
    };

    public static ProviderProfile Read(string provider, JsonObject fields, string source)
    {
        string Where(string field) => $"{source}: provider '{provider}': field '{field}'";

        JsonNode Required(string field) => fields[field] ?? throw new ProviderProfileException($"{Where(field)} is required.");

        string Text(string field, IReadOnlyCollection<string>? allowed = null)
        {
            var node = Required(field);
            if (node.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(node.GetValue<string>()))
            {
                throw new ProviderProfileException($"{Where(field)} must be a non-empty string.");
            }

            var value = node.GetValue<string>().Trim();
            if (allowed is not null && !allowed.Contains(value))
            {
                throw new ProviderProfileException($"{Where(field)} is '{value}', expected one of {string.Join(", ", allowed)}.");
            }

            return value;
        }

        long Number(string field, long min, long max)
        {
            var node = Required(field);
            if (node.GetValueKind() != JsonValueKind.Number || !node.AsValue().TryGetValue<long>(out var value) || value < min || value > max)
            {
                throw new ProviderProfileException(
                    $"{Where(field)} must be a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)} (got {node.ToJsonString()}).");
            }

            return value;
        }

        var fallbacks = fields["fallbackModels"] switch
        {
            null => [],
            JsonArray array when array.All(m => m?.GetValueKind() == JsonValueKind.String && !string.IsNullOrWhiteSpace(m.GetValue<string>())) =>
                array.Select(m => m!.GetValue<string>().Trim()).ToList(),
            _ => throw new ProviderProfileException($"{Where("fallbackModels")} must be an array of model names."),
        };

        double? temperature = fields["temperature"] switch
        {
            null => null,
            var node when node.GetValueKind() == JsonValueKind.Number && node.GetValue<double>() is >= 0 and <= 2 => node.GetValue<double>(),
            var node => throw new ProviderProfileException($"{Where("temperature")} must be null (send none) or a number from 0 to 2 (got {node.ToJsonString()})."),
        };

        var requireParameters = fields["requireParameters"] switch
        {
            null => false,
            var node when node.GetValueKind() is JsonValueKind.True or JsonValueKind.False => node.GetValue<bool>(),
            _ => throw new ProviderProfileException($"{Where("requireParameters")} must be true or false."),
        };

        return new ProviderProfile
        {
            Name = provider,
            DefaultModel = Text("defaultModel"),
            FallbackModels = fallbacks,
            ErrorDialect = Text("errorDialect", Dialects),
            Temperature = temperature,
            StructuredOutput = Modes[Text("structuredOutput", Modes.Keys)],
            RequireParameters = requireParameters,
            MaxImages = (int)Number("maxImages", 1, 10),
            MaxImagePixels = Number("maxImagePixels", 65_536, 1_000_000_000),
            MaxRequestBytes = Number("maxRequestBytes", 262_144, 1_000_000_000),
            PreferredEncoding = Text("preferredEncoding", Encodings),
            JpegQuality = (int)Number("jpegQuality", 30, 100),
        };
    }
}
