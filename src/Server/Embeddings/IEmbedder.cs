using MedicalImaging.Server.Privacy;

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

    /// <summary>
    /// Embeds text of a request whose identifiers are <paramref name="known"/>. An embedder that sends text out of the
    /// process passes it through the egress guard with them; one that runs in-process needs nothing more.
    /// </summary>
    ValueTask<float[]> EmbedAsync(string text, IdentifierSet known, CancellationToken cancellationToken) => EmbedAsync(text, cancellationToken);
}
