using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Privacy;

namespace MedicalImaging.Server.Embeddings;

/// <summary>Builds the embedder EMBEDDING_PROVIDER names.</summary>
public static class EmbedderFactory
{
    public static IEmbedder Create(EmbeddingOptions options, HttpClient http, int maxRetries, EgressGuard guard) => options.Provider switch
    {
        "glove" => GloveEmbedder.Load(options.GlovePath!),
        "openai" => new OpenAiCompatibleEmbedder(
            new OpenAiEmbeddingsEndpoint(http, new Uri(options.BaseUrl), options.ApiKey!, options.Model, maxRetries, TimeProvider.System),
            options.Model,
            // `dimensions` only when asked: several compatible servers answer 400 to it.
            options.DimensionSetting,
            guard,
            new Uri(options.BaseUrl).Host),
        _ => new HashingEmbedder(options.Dimension),
    };
}
