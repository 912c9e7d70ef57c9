namespace MedicalImaging.Server.Embeddings;

/// <summary>Turns report text into a unit-length vector for similar-case search.</summary>
public interface IEmbedder
{
    /// <summary>Model name stored with each vector (e.g. hashing-v1-256); a change of model re-embeds stored reports.</summary>
    string Model { get; }

    /// <summary>Vector length.</summary>
    int Dimension { get; }

    /// <summary>Embeds <paramref name="text"/> (L2-normalised; all zeros for empty text).</summary>
    ValueTask<float[]> EmbedAsync(string text, CancellationToken cancellationToken);
}
