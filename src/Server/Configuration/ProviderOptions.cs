using Microsoft.Extensions.Configuration;

namespace MedicalImaging.Server.Configuration;

/// <summary>AI provider chain and literature settings, bound from the environment. Defaults stated per property.</summary>
public sealed class ProviderOptions
{
    /// <summary>Chain order, comma-separated. Default gemini,openrouter,groq,local. A provider without a key is skipped.</summary>
    [ConfigurationKeyName("AI_PROVIDER_ORDER")]
    public string ProviderOrder { get; set; } = "gemini,openrouter,groq,local";

    /// <summary>Gemini API key; unset skips Gemini.</summary>
    [ConfigurationKeyName("GEMINI_API_KEY")]
    public string? GeminiApiKey { get; set; }

    /// <summary>Gemini's OpenAI-compatible endpoint. Default https://generativelanguage.googleapis.com/v1beta/openai/.</summary>
    [ConfigurationKeyName("GEMINI_BASE_URL")]
    public string GeminiBaseUrl { get; set; } = "https://generativelanguage.googleapis.com/v1beta/openai/";

    /// <summary>Gemini model. Default: the gemini profile's defaultModel (gemini-3.8-flash, docs/PROVIDERS.md).</summary>
    [ConfigurationKeyName("GEMINI_MODEL")]
    public string? GeminiModel { get; set; }

    /// <summary>OpenRouter API key; unset skips OpenRouter.</summary>
    [ConfigurationKeyName("OPENROUTER_API_KEY")]
    public string? OpenRouterApiKey { get; set; }

    /// <summary>OpenRouter endpoint. Default https://openrouter.ai/api/v1/.</summary>
    [ConfigurationKeyName("OPENROUTER_BASE_URL")]
    public string OpenRouterBaseUrl { get; set; } = "https://openrouter.ai/api/v1/";

    /// <summary>OpenRouter models, comma-separated, tried in order. Default: the openrouter profile's defaultModel then fallbackModels (google/gemini-3.1-flash-lite).</summary>
    [ConfigurationKeyName("OPENROUTER_MODELS")]
    public string? OpenRouterModels { get; set; }

    /// <summary>Groq API key; unset skips Groq.</summary>
    [ConfigurationKeyName("GROQ_API_KEY")]
    public string? GroqApiKey { get; set; }

    /// <summary>Groq endpoint. Default https://api.groq.com/openai/v1/.</summary>
    [ConfigurationKeyName("GROQ_BASE_URL")]
    public string GroqBaseUrl { get; set; } = "https://api.groq.com/openai/v1/";

    /// <summary>Groq model. Default: the groq profile's defaultModel (qwen/qwen3.8-27b).</summary>
    [ConfigurationKeyName("GROQ_MODEL")]
    public string? GroqModel { get; set; }

    /// <summary>
    /// A JSON file of provider profiles laid over the shipped ones (docs/PROVIDERS.md), so limits and models can be
    /// changed without a release. Unset: the shipped profiles alone. Validated at start.
    /// </summary>
    [ConfigurationKeyName("PROVIDER_PROFILES_PATH")]
    public string? ProviderProfilesPath { get; set; }

    /// <summary>Seconds one provider attempt may take. Default 60.</summary>
    [ConfigurationKeyName("PROVIDER_TIMEOUT_SECONDS")]
    public double ProviderTimeoutSeconds { get; set; } = 60;

    /// <summary>Calls a minute one provider may receive from this server. Default 60.</summary>
    [ConfigurationKeyName("PROVIDER_RATE_LIMIT_PER_MINUTE")]
    public int ProviderRateLimitPerMinute { get; set; } = 60;

    /// <summary>Seconds a provider's circuit stays open after 401/402/quota errors. Default 600.</summary>
    [ConfigurationKeyName("PROVIDER_LONG_COOLDOWN_SECONDS")]
    public double LongCooldownSeconds { get; set; } = 600;

    /// <summary>Seconds a provider's circuit stays open after repeated 429/5xx/timeouts. Default 30.</summary>
    [ConfigurationKeyName("PROVIDER_SHORT_COOLDOWN_SECONDS")]
    public double ShortCooldownSeconds { get; set; } = 30;

    /// <summary>Longest Retry-After honoured before giving up on a provider for this request, seconds. Default 20.</summary>
    [ConfigurationKeyName("PROVIDER_MAX_RETRY_DELAY_SECONDS")]
    public double MaxRetryDelaySeconds { get; set; } = 20;

    /// <summary>PubMed E-utilities base URL. Default https://eutils.ncbi.nlm.nih.gov/entrez/eutils/.</summary>
    [ConfigurationKeyName("PUBMED_BASE_URL")]
    public string PubMedBaseUrl { get; set; } = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/";

    /// <summary>NCBI API key (raises PubMed's rate limit); optional.</summary>
    [ConfigurationKeyName("PUBMED_API_KEY")]
    public string? PubMedApiKey { get; set; }

    /// <summary>
    /// The `tool` parameter NCBI asks every E-utilities request to carry (a name without spaces), so NCBI can
    /// contact the operator before blocking. Default medimaging.
    /// </summary>
    [ConfigurationKeyName("PUBMED_TOOL")]
    public string PubMedTool { get; set; } = "medimaging";

    /// <summary>The `email` parameter NCBI asks for (the operator's contact address). Default unset: not sent.</summary>
    [ConfigurationKeyName("PUBMED_EMAIL")]
    public string? PubMedEmail { get; set; }

    /// <summary>Literature search on or off. Default true.</summary>
    [ConfigurationKeyName("LITERATURE_SEARCH_ENABLED")]
    public bool LiteratureSearchEnabled { get; set; } = true;

    /// <summary>Seconds the whole literature search may take. Default 10.</summary>
    [ConfigurationKeyName("LITERATURE_TIMEOUT_SECONDS")]
    public double LiteratureTimeoutSeconds { get; set; } = 10;

    /// <summary>Quality-review score (0..1) below which an AI-written report is regenerated once. Default 0.7.</summary>
    [ConfigurationKeyName("QUALITY_REVIEW_THRESHOLD")]
    public double QualityReviewThreshold { get; set; } = 0.7;

    /// <summary>
    /// Seconds a streamed chat reply may take to send its first text (after that no retry is possible: the client has
    /// text). A provider that sends nothing is retried, then the next one answers. Default 30.
    /// </summary>
    [ConfigurationKeyName("CHAT_FIRST_TOKEN_TIMEOUT_SECONDS")]
    public double ChatFirstTokenTimeoutSeconds { get; set; } = 30;

    /// <summary>Seconds a streamed chat reply may go silent between texts before the next provider continues it. Default 30.</summary>
    [ConfigurationKeyName("CHAT_IDLE_TIMEOUT_SECONDS")]
    public double ChatIdleTimeoutSeconds { get; set; } = 30;

    /// <summary>The chain order as names.</summary>
    public IReadOnlyList<string> Order =>
        ProviderOrder.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => p.ToLowerInvariant()).ToList();
}
