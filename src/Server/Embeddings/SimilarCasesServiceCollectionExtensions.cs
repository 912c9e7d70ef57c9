using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Outbound;
using MedicalImaging.Server.Privacy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Embeddings;

/// <summary>Registers similar-case search: the embedder reports are turned into vectors with, and the in-process index.</summary>
public static class SimilarCasesServiceCollectionExtensions
{
    /// <summary>EMBEDDING_* settings, the embedder they choose (its calls through the "embeddings" client and the egress guard), the vector index and its loader.</summary>
    public static IServiceCollection AddSimilarCases(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmbeddingOptions>().BindSettings(configuration);
        services.AddSingleton(sp => EmbedderFactory.Create(
            sp.GetRequiredService<IOptions<EmbeddingOptions>>().Value,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(OutboundHttpClients.EmbeddingsClientName),
            sp.GetRequiredService<EgressGuard>()));
        services.AddSingleton<VectorIndex>();
        services.AddHostedService<VectorIndexLoader>();
        return services;
    }
}
