using System.Numerics.Tensors;

namespace MedicalImaging.Server.Embeddings;

/// <summary>
/// Feature-hashing embedder: words and word pairs hashed (FNV-1a) into a signed 256-d vector with
/// log term weights, then L2-normalised. Needs no download and is deterministic across runs.
/// </summary>
public sealed class HashingEmbedder : IEmbedder
{
    public HashingEmbedder(int dimension = 256)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 16);
        Dimension = dimension;
        Model = $"hashing-v1-{dimension}";
    }

    public string Model { get; }

    public int Dimension { get; }

    public ValueTask<float[]> EmbedAsync(string text, CancellationToken cancellationToken) => ValueTask.FromResult(Embed(text));

    /// <summary>The synchronous form: hashing needs no I/O.</summary>
    public float[] Embed(string text)
    {
        var counts = new float[Dimension];
        var previous = 0u;
        foreach (var range in Tokens.WordRanges(text))
        {
            var word = text.AsSpan(range);
            if (word.Length < 2)
            {
                continue;
            }

            var hash = Hash(word);
            Add(counts, hash, 1f);
            if (previous != 0)
            {
                Add(counts, (previous * 16777619u) ^ hash, 0.5f);
            }

            previous = hash;
        }

        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = MathF.Sign(counts[i]) * MathF.Log(1 + MathF.Abs(counts[i]));
        }

        var norm = TensorPrimitives.Norm(counts);
        if (norm > 0)
        {
            TensorPrimitives.Divide(counts, norm, counts);
        }

        return counts;
    }

    private void Add(float[] counts, uint hash, float weight)
    {
        var slot = (int)(hash % (uint)Dimension);
        counts[slot] += (hash & 0x80000000u) != 0 ? -weight : weight;
    }

    private static uint Hash(ReadOnlySpan<char> word)
    {
        var hash = 2166136261u;
        foreach (var c in word)
        {
            hash = (hash ^ char.ToLowerInvariant(c)) * 16777619u;
        }

        return hash == 0 ? 1u : hash;
    }
}
