using Microsoft.Extensions.Configuration;

namespace MedicalImaging.Server.Configuration;

/// <summary>Which embedder turns reports into vectors for similar-case search, bound from the environment.</summary>
public sealed class EmbeddingOptions
{
    /// <summary>hashing (default, no download), glove (GLOVE_PATH) or openai (any OpenAI-compatible /embeddings endpoint).</summary>
    [ConfigurationKeyName("EMBEDDING_PROVIDER")]
    public string Provider { get; set; } = "hashing";

    /// <summary>
    /// EMBEDDING_DIMENSION as set, or null. For openai it is sent as `dimensions` only when set (several compatible
    /// servers reject the parameter); unset, the model's own length is used.
    /// </summary>
    [ConfigurationKeyName("EMBEDDING_DIMENSION")]
    public int? DimensionSetting { get; set; }

    /// <summary>Vector length for hashing: EMBEDDING_DIMENSION, default 256.</summary>
    public int Dimension => DimensionSetting ?? 256;

    /// <summary>A GloVe text file (word followed by its vector on each line), e.g. glove.6B.100d.txt.</summary>
    [ConfigurationKeyName("GLOVE_PATH")]
    public string? GlovePath { get; set; }

    /// <summary>Base URL of the OpenAI-compatible API (…/v1); /embeddings is appended.</summary>
    [ConfigurationKeyName("EMBEDDING_BASE_URL")]
    public string BaseUrl { get; set; } = "https://api.openai.com/v1";

    /// <summary>API key of the embeddings endpoint.</summary>
    [ConfigurationKeyName("EMBEDDING_API_KEY")]
    public string? ApiKey { get; set; }

    /// <summary>Embedding model of the OpenAI-compatible endpoint.</summary>
    [ConfigurationKeyName("EMBEDDING_MODEL")]
    public string Model { get; set; } = "text-embedding-3-small";
}
