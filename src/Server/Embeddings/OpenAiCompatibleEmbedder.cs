using MedicalImaging.Server.Privacy;
using Microsoft.Extensions.AI;

namespace MedicalImaging.Server.Embeddings;

/// <summary>
/// Embeds through any OpenAI-compatible POST /embeddings endpoint (OpenAI, Azure-style gateways, vLLM,
/// Ollama, LM Studio…) via Microsoft.Extensions.AI's <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>.
/// Only report text is sent: modality, body part, findings and impression, produced from de-identified
/// images and without the clinical context, and it passes through the egress guard (known identifiers and
/// free-text PHI redacted; refused when a known identifier remains). A vector of the wrong length is an error,
/// never stored.
/// </summary>
public sealed class OpenAiCompatibleEmbedder : IEmbedder
{
    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;
    private readonly EgressGuard _guard;
    private readonly string _destination;

    public OpenAiCompatibleEmbedder(IEmbeddingGenerator<string, Embedding<float>> generator, string model, int dimension, EgressGuard guard, string destination)
    {
        _generator = generator;
        _guard = guard;
        _destination = destination;
        Model = $"openai-{model}-{dimension}";
        Dimension = dimension;
    }

    public string Model { get; }

    public int Dimension { get; }

    /// <summary>Re-embedding a stored report at start: no request identifiers are at hand, the free-text detector still runs.</summary>
    public ValueTask<float[]> EmbedAsync(string text, CancellationToken cancellationToken) => EmbedAsync(text, IdentifierSet.Empty, cancellationToken);

    public async ValueTask<float[]> EmbedAsync(string text, IdentifierSet known, CancellationToken cancellationToken)
    {
        var body = _guard.Release(_destination, "embeddings", _guard.Redact(text, known), known);
        var result = await _generator.GenerateAsync([body], new EmbeddingGenerationOptions { Dimensions = Dimension }, cancellationToken);
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
