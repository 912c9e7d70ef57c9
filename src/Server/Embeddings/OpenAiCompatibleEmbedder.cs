using Microsoft.Extensions.AI;

namespace MedicalImaging.Server.Embeddings;

/// <summary>
/// Embeds through any OpenAI-compatible POST /embeddings endpoint (OpenAI, Azure-style gateways, vLLM,
/// Ollama, LM Studio…) via Microsoft.Extensions.AI's <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>.
/// Only report text is sent: modality, body part, findings and impression, produced from de-identified
/// images and without the clinical context. A vector of the wrong length is an error, never stored.
/// </summary>
public sealed class OpenAiCompatibleEmbedder : IEmbedder
{
    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;

    public OpenAiCompatibleEmbedder(IEmbeddingGenerator<string, Embedding<float>> generator, string model, int dimension)
    {
        _generator = generator;
        Model = $"openai-{model}-{dimension}";
        Dimension = dimension;
    }

    public string Model { get; }

    public int Dimension { get; }

    public async ValueTask<float[]> EmbedAsync(string text, CancellationToken cancellationToken)
    {
        var result = await _generator.GenerateAsync([text], new EmbeddingGenerationOptions { Dimensions = Dimension }, cancellationToken);
        if (result.Count != 1)
        {
            throw new InvalidOperationException($"The embeddings endpoint returned {result.Count} vectors for one input.");
        }

        var vector = result[0].Vector.ToArray();
        if (vector.Length != Dimension)
        {
            throw new InvalidOperationException($"The embeddings endpoint returned {vector.Length} dimensions; EMBEDDING_DIMENSION is {Dimension}.");
        }

        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
        }

        return vector;
    }
}
