using System.Text.Json;
using System.Text.Json.Nodes;

namespace MedicalImaging.Server.Providers.Profiles;

/// <summary>
/// The profiles in force: the shipped providers.json, with the entries of the operator's file
/// (PROVIDER_PROFILES_PATH) laid over it field by field, so an operator can change one limit without
/// restating the rest. Everything is validated when loaded: a bad file stops the server at start,
/// naming the file, the provider and the field, instead of failing the first analysis.
/// </summary>
public sealed class ProviderProfileSet
{
    private const string ShippedName = "the shipped providers.json";

    private static readonly string[] Providers = ["gemini", "openrouter", "groq"];

    private static readonly HashSet<string> Fields =
    [
        "defaultModel", "fallbackModels", "errorDialect", "temperature", "structuredOutput", "requireParameters",
        "maxImages", "maxImagePixels", "maxRequestBytes", "preferredEncoding", "jpegQuality", "notes",
    ];

    private readonly Dictionary<string, ProviderProfile> _profiles;

    private ProviderProfileSet(Dictionary<string, ProviderProfile> profiles, string? overridePath)
    {
        _profiles = profiles;
        OverridePath = overridePath;
    }

    /// <summary>The operator's file laid over the shipped profiles, or null.</summary>
    public string? OverridePath { get; }

    /// <summary>The profile of a provider (gemini, openrouter, groq).</summary>
    public ProviderProfile this[string provider] => _profiles.TryGetValue(provider, out var profile)
        ? profile
        : throw new KeyNotFoundException($"No provider profile named '{provider}'.");

    /// <summary>The shipped profiles alone.</summary>
    public static ProviderProfileSet Shipped() => Load(null);

    /// <summary>Loads the shipped profiles and the operator's file over them; throws <see cref="ProviderProfileException"/> naming what is wrong.</summary>
    public static ProviderProfileSet Load(string? overridePath)
    {
        var merged = Parse(ReadShipped(), ShippedName);
        var source = ShippedName;
        if (!string.IsNullOrWhiteSpace(overridePath))
        {
            source = $"PROVIDER_PROFILES_PATH file '{overridePath}'";
            string text;
            try
            {
                text = File.ReadAllText(overridePath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new ProviderProfileException($"{source} cannot be read: {ex.Message}");
            }

            foreach (var (provider, fields) in Parse(text, source))
            {
                var target = merged[provider];
                foreach (var (field, value) in fields)
                {
                    target[field] = value?.DeepClone();
                }
            }
        }

        var profiles = merged.ToDictionary(p => p.Key, p => ProviderProfileReader.Read(p.Key, p.Value, source), StringComparer.Ordinal);
        return new ProviderProfileSet(profiles, string.IsNullOrWhiteSpace(overridePath) ? null : overridePath);
    }

    private static string ReadShipped()
    {
        using var stream = typeof(ProviderProfileSet).Assembly.GetManifestResourceStream("provider-profiles.json")
            ?? throw new InvalidOperationException("The shipped provider profiles (provider-profiles.json) are missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static Dictionary<string, JsonObject> Parse(string text, string source)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new ProviderProfileException($"{source} is not valid JSON: {ex.Message}");
        }

        if (root is not JsonObject providers)
        {
            throw new ProviderProfileException($"{source} must be a JSON object whose properties are provider names ({string.Join(", ", Providers)}).");
        }

        var result = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (provider, node) in providers)
        {
            if (!Providers.Contains(provider))
            {
                throw new ProviderProfileException($"{source}: unknown provider '{provider}' (expected one of {string.Join(", ", Providers)}).");
            }

            if (node is not JsonObject fields)
            {
                throw new ProviderProfileException($"{source}: provider '{provider}' must be a JSON object of profile fields.");
            }

            if (fields.Select(f => f.Key).FirstOrDefault(f => !Fields.Contains(f)) is { } unknown)
            {
                throw new ProviderProfileException($"{source}: provider '{provider}': unknown field '{unknown}' (expected {string.Join(", ", Fields)}).");
            }

            result[provider] = fields;
        }

        return result;
    }
}
