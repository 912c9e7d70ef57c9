using MedicalImaging.Server.Privacy;

namespace MedicalImaging.Server.Embeddings;

/// <summary>
/// Embeds through any OpenAI-compatible POST /embeddings endpoint (OpenAI, Azure-style gateways, vLLM,
/// Ollama, LM Studio…) via <see cref="OpenAiEmbeddingsEndpoint"/>.
/// Only report text is sent: modality, body part, findings and impression, produced from de-identified
/// images and without the clinical context, and it passes through the egress guard (known identifiers and
/// free-text PHI redacted; refused when a known identifier remains). With EMBEDDING_DIMENSION set, that length is
/// asked for and any other is an error; unset, the model's own length is learnt by the start-up probe (or the
/// first answer) and every later vector must have it. A vector of the wrong length is never stored.
/// </summary>
public sealed class OpenAiCompatibleEmbedder : IEmbedder
{
    private const string ProbeText = "chest radiograph: no acute abnormality";
    private readonly OpenAiEmbeddingsEndpoint _endpoint;
    private readonly EgressGuard _guard;
    private readonly string _destination;
    private readonly string _model;
    private readonly int? _requested;
    private int _learnt;

    public OpenAiCompatibleEmbedder(OpenAiEmbeddingsEndpoint endpoint, string model, int? requestedDimension, EgressGuard guard, string destination)
    {
        _endpoint = endpoint;
        _guard = guard;
        _destination = destination;
        _model = model;
        _requested = requestedDimension;
    }

    /// <summary>openai-MODEL-DIMENSION; the dimension is 0 until the endpoint has answered once when EMBEDDING_DIMENSION is unset.</summary>
    public string Model => $"openai-{_model}-{Dimension}";

    public int Dimension => _requested ?? Volatile.Read(ref _learnt);

    /// <summary>The EMBEDDING_DIMENSION asked for, or null when the model's own length is used.</summary>
    public int? RequestedDimension => _requested;

    /// <summary>True once the endpoint refused base64 and floats are asked for.</summary>
    public bool FloatEncoding => _endpoint.FloatOnly;

    /// <summary>
    /// Embeds a fixed, identifier-free sentence and returns the length the endpoint answers with, so a wrong
    /// EMBEDDING_DIMENSION or a changed model shows at start instead of on the first report.
    /// </summary>
    public async Task<int> ProbeAsync(CancellationToken cancellationToken)
    {
        var vector = await _endpoint.EmbedAsync(_guard.Release(_destination, "embeddings", ProbeText, IdentifierSet.Empty), _requested, cancellationToken);
        if (_requested is null)
        {
            Interlocked.CompareExchange(ref _learnt, vector.Length, 0);
        }

        return vector.Length;
    }

    /// <summary>Re-embedding a stored report at start: no request identifiers are at hand, the free-text detector still runs.</summary>
    public ValueTask<float[]> EmbedAsync(string text, CancellationToken cancellationToken) => EmbedAsync(text, IdentifierSet.Empty, cancellationToken);

    public async ValueTask<float[]> EmbedAsync(string text, IdentifierSet known, CancellationToken cancellationToken)
    {
        var body = _guard.Release(_destination, "embeddings", _guard.Redact(text, known), known);
        var vector = await _endpoint.EmbedAsync(body, _requested, cancellationToken);
        if (_requested is null)
        {
            Interlocked.CompareExchange(ref _learnt, vector.Length, 0);
        }

        if (vector.Length != Dimension)
        {
            throw new InvalidOperationException(_requested is null
                ? $"The embeddings endpoint returned {vector.Length} dimensions; it returned {Dimension} before (EMBEDDING_MODEL changed behind the endpoint?)."
                : $"The embeddings endpoint returned {vector.Length} dimensions; EMBEDDING_DIMENSION is {Dimension}.");
        }

        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
        }

        return vector;
    }
}
