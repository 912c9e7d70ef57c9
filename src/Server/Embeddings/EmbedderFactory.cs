using System.ClientModel;
using System.ClientModel.Primitives;
using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Privacy;
using Microsoft.Extensions.AI;
using OpenAI;

namespace MedicalImaging.Server.Embeddings;

/// <summary>Builds the embedder EMBEDDING_PROVIDER names.</summary>
public static class EmbedderFactory
{
    public static IEmbedder Create(EmbeddingOptions options, HttpClient http, int maxRetries, EgressGuard guard) => options.Provider switch
    {
        "glove" => GloveEmbedder.Load(options.GlovePath!),
        "openai" => new OpenAiCompatibleEmbedder(
            new OpenAIClient(new ApiKeyCredential(options.ApiKey!), new OpenAIClientOptions
            {
                Endpoint = new Uri(options.BaseUrl),
                // The SDK's own retry honours Retry-After on 429 and retries 5xx and network errors.
                RetryPolicy = new ClientRetryPolicy(maxRetries),
                Transport = new HttpClientPipelineTransport(http),
                NetworkTimeout = TimeSpan.FromSeconds(30),
            }).GetEmbeddingClient(options.Model).AsIEmbeddingGenerator(),
            options.Model,
            options.Dimension,
            guard,
            new Uri(options.BaseUrl).Host),
        _ => new HashingEmbedder(options.Dimension),
    };
}
