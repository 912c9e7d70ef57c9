namespace MedicalImaging.Server.Providers.Chain;

/// <summary>
/// Which provider's documented error shapes a provider speaks, and which setting names its model. A provider's
/// dialect comes from its profile's <c>errorDialect</c> (Providers/Profiles); <see cref="For"/> is the default for a
/// provider name when no profile is at hand (tests, the classifier's plain-OpenAI overload).
/// </summary>
public static class ProviderDialect
{
    public const string Gemini = "gemini";
    public const string OpenRouter = "openrouter";
    public const string Groq = "groq";

    /// <summary>Plain OpenAI-compatible errors: any other endpoint.</summary>
    public const string OpenAi = "openai";

    public static string For(string providerName) => providerName switch
    {
        "gemini" => Gemini,
        "openrouter" => OpenRouter,
        "groq" => Groq,
        _ => OpenAi,
    };

    /// <summary>The environment variable an operator changes when the provider's model is retired or unknown.</summary>
    public static string ModelSetting(string providerName) => providerName switch
    {
        "gemini" => "GEMINI_MODEL",
        "openrouter" => "OPENROUTER_MODELS",
        "groq" => "GROQ_MODEL",
        _ => providerName.ToUpperInvariant() + "_MODEL",
    };
}
