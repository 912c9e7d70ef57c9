namespace MedicalImaging.Server.Providers.Profiles;

/// <summary>
/// What one provider accepts, as data (shipped in providers.json, overridable by PROVIDER_PROFILES_PATH):
/// model defaults, the image budget a request must fit, the parameters it takes and how it returns
/// structured output. Limits change faster than releases; this keeps them out of code.
/// </summary>
public sealed record ProviderProfile
{
    public required string Name { get; init; }

    /// <summary>Model used when the provider's *_MODEL(S) variable is unset.</summary>
    public required string DefaultModel { get; init; }

    /// <summary>Next models to use: OpenRouter routes between them itself (its `models` field); for the others they are the documented replacement.</summary>
    public required IReadOnlyList<string> FallbackModels { get; init; }

    /// <summary>Which provider's documented error shapes to read failures with (gemini, openrouter, groq, openai); the failure classifier keys on it.</summary>
    public required string ErrorDialect { get; init; }

    /// <summary>Temperature sent, or null to send none (Gemini 3: the default 1.0 is advised and the parameter is being deprecated).</summary>
    public double? Temperature { get; init; }

    /// <summary>How structured output is asked for.</summary>
    public required StructuredOutputMode StructuredOutput { get; init; }

    /// <summary>OpenRouter: `provider.require_parameters`, so no backend that ignores response_format serves the request.</summary>
    public bool RequireParameters { get; init; }

    /// <summary>Most images one request may carry.</summary>
    public required int MaxImages { get; init; }

    /// <summary>Most pixels one image may have (width x height).</summary>
    public required long MaxImagePixels { get; init; }

    /// <summary>Most bytes one request body may have, base64 images included.</summary>
    public required long MaxRequestBytes { get; init; }

    /// <summary>png: lossless while the image fits its share of the budget, JPEG otherwise; jpeg: always JPEG.</summary>
    public required string PreferredEncoding { get; init; }

    /// <summary>JPEG quality (1..100) when an image is re-encoded as JPEG.</summary>
    public required int JpegQuality { get; init; }

    /// <summary>All models configured from the defaults: the default first, then the fallbacks.</summary>
    public IReadOnlyList<string> DefaultModels => [DefaultModel, .. FallbackModels];
}
