using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Privacy;

namespace MedicalImaging.Server.Embeddings;

/// <summary>Builds the embedder EMBEDDING_PROVIDER names.</summary>
public static class EmbedderFactory
{
    /// <summary>The embedder; <paramref name="http"/> is the factory's "embeddings" client (timeouts, retries).</summary>
    public static IEmbedder Create(EmbeddingOptions options, HttpClient http, EgressGuard guard) => options.Provider switch
    {
        "glove" => GloveEmbedder.Load(options.GlovePath!),
        "openai" => new OpenAiCompatibleEmbedder(
            new OpenAiEmbeddingsEndpoint(http, new Uri(options.BaseUrl), options.ApiKey!, options.Model),
            options.Model,
            // `dimensions` only when asked: several compatible servers answer 400 to it.
            options.DimensionSetting,
            guard,
            new Uri(options.BaseUrl).Host),
        _ => new HashingEmbedder(options.Dimension),
    };
}
